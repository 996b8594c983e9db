import type { ReviewContext } from "./context";
import { SOURCE_LABEL, specKind } from "./dependency-spec";
import { type Manifest, isRecord, keyAnchors, stringEntries } from "./manifest";
import { type SpecChange, classifyRangeChange } from "./semver-change";
import type { DependencyChange, DependencyType, Finding } from "./types";

/** The manifest fields whose entries map a name to a spec. */
const SPEC_TYPES = ["dependencies", "peerDependencies", "optionalDependencies", "devDependencies"] as const;
/** What a consumer's install actually fetches: dev dependencies and overrides of a published package do not. */
const RUNTIME_TYPES: ReadonlySet<DependencyType> = new Set(["dependencies", "peerDependencies", "optionalDependencies"]);
const TYPE_WORDS: Record<DependencyType, string> = {
  dependencies: "dependencies",
  peerDependencies: "peer dependencies",
  optionalDependencies: "optional dependencies",
  devDependencies: "dev dependencies",
  bundleDependencies: "bundled dependencies",
  overrides: "overrides",
};
const MAX_LISTED = 5;

/** "dev dependency", "override". */
function singular(type: DependencyType): string {
  return TYPE_WORDS[type].replace(/ies$/, "y").replace(/s$/, "");
}

/** "1 new dependency", "2 new peer dependencies". */
function counted(count: number, type: DependencyType, adjective = ""): string {
  return `${count} ${adjective}${count === 1 ? singular(type) : TYPE_WORDS[type]}`;
}

/** One side's specs of one type: name → spec. */
type Specs = Map<string, string>;

/**
 * `overrides` flattened to "a > b" paths (npm's nesting; a "." key is the
 * override of the enclosing package itself).
 *
 * @example
 * flattenOverrides({ foo: { ".": "1.0.0", bar: "2.0.0" }, baz: "3" })
 * // → [["baz", "3"], ["foo", "1.0.0"], ["foo > bar", "2.0.0"]]
 */
export function flattenOverrides(value: unknown, prefix = ""): [string, string][] {
  if (!isRecord(value)) return [];
  const flat: [string, string][] = [];
  for (const key of Object.keys(value).sort()) {
    const path = prefix ? `${prefix} > ${key}` : key;
    const entry = value[key];
    if (typeof entry === "string") flat.push([path, entry]);
    else if (isRecord(entry)) {
      if (typeof entry["."] === "string") flat.push([path, entry["."]]);
      flat.push(...flattenOverrides(Object.fromEntries(Object.entries(entry).filter(([k]) => k !== ".")), path));
    }
  }
  return flat;
}

/** `bundleDependencies` (or `bundledDependencies`): names, or `true` for every dependency. */
function bundled(manifest: Manifest | undefined): Specs {
  const value = manifest?.bundleDependencies ?? manifest?.bundledDependencies;
  const names =
    value === true
      ? stringEntries(manifest?.dependencies).map(([name]) => name)
      : Array.isArray(value)
        ? value.filter((name): name is string => typeof name === "string")
        : [];
  return new Map([...names].sort().map((name) => [name, "bundled"]));
}

function manifestSpecs(manifest: Manifest | undefined): Map<DependencyType, Specs> {
  const specs = new Map<DependencyType, Specs>();
  for (const type of SPEC_TYPES) specs.set(type, new Map(stringEntries(manifest?.[type])));
  specs.set("bundleDependencies", bundled(manifest));
  specs.set("overrides", new Map(flattenOverrides(manifest?.overrides)));
  return specs;
}

/** The last key of an override path, as the manifest writes it: "a > b@^1" → "b@^1". */
function leafKey(path: string): string {
  const last = path.lastIndexOf(" > ");
  return last === -1 ? path : path.slice(last + 3);
}

/** The package an override path ends at: "a > b@^1" → "b". */
function leafName(path: string): string {
  const leaf = leafKey(path);
  const at = leaf.lastIndexOf("@");
  return at > 0 ? leaf.slice(0, at) : leaf;
}

interface Compared {
  entry: DependencyChange;
  change?: SpecChange;
  /** Hex: the requirement became optional or required. */
  optionalChanged?: boolean;
}

/**
 * Every dependency added, removed or changed, each change classified by
 * semver level (see classifyRangeChange), with a link to the dependency's
 * own diff when both ends are versions or ranges, plus the findings a
 * reviewer should see: new runtime dependencies, major changes (saying when
 * only the 0.x rule makes them breaking) and specs that install from
 * outside the registry. npm reads each tarball's manifest; Hex reads the
 * registry's requirements (`~>` converted to a range where it can be).
 *
 * @example
 * dependencyFindings(context).dependencies
 * // → [{ name: "cookie", type: "dependencies", from: "0.5.0", to: "0.6.0", change: "major", link: "/diff/cookie/0.5.0..0.6.0" }, …]
 */
export function dependencyFindings(context: ReviewContext): { dependencies: DependencyChange[]; findings: Finding[] } {
  const fromRegistry = context.rules.dependenciesFrom === "registry";
  const compared = fromRegistry ? compareRequirements(context) : compareManifests(context);
  return { dependencies: compared.map((c) => c.entry), findings: findingsFor(context, compared, fromRegistry) };
}

/** One spec that differs between the two sides, classified. */
function compareSpecs(
  context: ReviewContext,
  name: string,
  type: DependencyType,
  from: string | null,
  to: string | null,
  toRange: (spec: string) => string | undefined,
): Compared {
  if (from === null || to === null) return { entry: { name, type, from, to, change: from === null ? "added" : "removed" } };
  const rangeFrom = toRange(from);
  const rangeTo = toRange(to);
  if (!rangeFrom || !rangeTo) return { entry: { name, type, from, to, change: "other" } };
  const change = classifyRangeChange(rangeFrom, rangeTo);
  const link = context.input.dependencyLink(type === "overrides" ? leafName(name) : name, from, to);
  return { entry: { name, type, from, to, change: change.level, link }, change };
}

function compareManifests(context: ReviewContext): Compared[] {
  const before = manifestSpecs(context.oldManifest);
  const after = manifestSpecs(context.newManifest);
  const toRange = (spec: string) => (specKind(spec) === "range" ? spec : undefined);
  const compared: Compared[] = [];
  for (const type of [...SPEC_TYPES, "bundleDependencies", "overrides"] as const) {
    const a = before.get(type)!;
    const b = after.get(type)!;
    for (const name of [...new Set([...a.keys(), ...b.keys()])].sort()) {
      const from = a.get(name) ?? null;
      const to = b.get(name) ?? null;
      if (from !== to) compared.push(compareSpecs(context, name, type, from, to, toRange));
    }
  }
  return compared;
}

/** The registry's requirements (Hex); a requirement that became optional (or required) is a change of its own. */
function compareRequirements(context: ReviewContext): Compared[] {
  const from = context.input.from.meta?.dependencies;
  const to = context.input.to.meta?.dependencies;
  // Without both lists there is nothing to compare: summarize() says the field was not available.
  if (!from || !to) return [];
  const toRange = (requirement: string) => context.rules.requirementToRange?.(requirement);
  const a = new Map(from.map((dep) => [dep.name, dep]));
  const b = new Map(to.map((dep) => [dep.name, dep]));
  const compared: Compared[] = [];
  for (const name of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const before = a.get(name);
    const after = b.get(name);
    if (before && after && before.requirement === after.requirement && before.optional === after.optional) continue;
    const type: DependencyType = (after ?? before)!.optional ? "optionalDependencies" : "dependencies";
    const result = compareSpecs(context, name, type, before?.requirement ?? null, after?.requirement ?? null, toRange);
    if (before && after && before.optional !== after.optional) result.optionalChanged = true;
    compared.push(result);
  }
  return compared;
}

/** A range or a dist-tag: installed from the registry's own versions. */
function isRegistrySpec(spec: string): boolean {
  const kind = specKind(spec);
  return kind === "range" || kind === "tag";
}

function listed(entries: DependencyChange[], spec: (e: DependencyChange) => string | null): string {
  const shown = entries.slice(0, MAX_LISTED).map((e) => `${e.name} ${spec(e) ?? ""}`.trim());
  return shown.join(", ") + (entries.length > MAX_LISTED ? `, +${entries.length - MAX_LISTED} more` : "");
}

function findingsFor(context: ReviewContext, compared: Compared[], fromRegistry: boolean): Finding[] {
  const manifestPath = context.rules.manifestPath;
  const manifestDiff = manifestPath ? context.diffs.get(manifestPath) : undefined;
  const anchorsOf = (names: string[]) => names.slice(0, MAX_LISTED).flatMap((name) => keyAnchors(manifestDiff, name, "+").slice(0, 1));
  const findings: Finding[] = [];
  const byType = new Map<DependencyType, DependencyChange[]>();
  for (const { entry } of compared) byType.set(entry.type, [...(byType.get(entry.type) ?? []), entry]);

  for (const [type, entries] of byType) {
    // A spec from outside the registry gets its own finding (dependency-source) below.
    const added = entries.filter((e) => e.change === "added" && (fromRegistry || e.to === null || isRegistrySpec(e.to)));
    const removed = entries.filter((e) => e.change === "removed");
    const runtime = RUNTIME_TYPES.has(type);
    if (added.length > 0 && (runtime || type === "bundleDependencies")) {
      findings.push({
        kind: "dependencies-added",
        severity: runtime ? "notice" : "info",
        message: `${counted(added.length, type, "new ")}: ${listed(added, (e) => (type === "bundleDependencies" ? null : e.to))}`,
        file: manifestPath,
        anchors: anchorsOf(added.map((e) => e.name)),
        data: { type, names: added.map((e) => e.name) },
      });
    }
    if (removed.length > 0 && runtime) {
      findings.push({
        kind: "dependencies-removed",
        severity: "info",
        message: `${counted(removed.length, type)} removed: ${listed(removed, () => null)}`,
        file: manifestPath,
        data: { type, names: removed.map((e) => e.name) },
      });
    }
  }

  for (const { entry, change, optionalChanged } of compared) {
    const source = !fromRegistry && entry.to !== null ? specKind(entry.to) : "range";
    const runtime = RUNTIME_TYPES.has(entry.type);
    // Every type: a git or tarball spec in devDependencies or overrides still fetches code from outside the registry.
    if (source !== "range" && source !== "tag" && entry.to !== null) {
      findings.push({
        kind: "dependency-source",
        severity: runtime ? "notice" : "info",
        message: `${entry.name}${runtime ? "" : ` (${singular(entry.type)})`} installs from ${SOURCE_LABEL[source]}: ${entry.to}`,
        file: manifestPath,
        anchors: anchorsOf([entry.type === "overrides" ? leafKey(entry.name) : entry.name]),
        data: { name: entry.name, type: entry.type, spec: entry.to, source },
      });
    }
    if (!runtime) continue;
    if (change?.level === "major") {
      findings.push({
        kind: "dependency-major",
        severity: "notice",
        message: `${entry.name} ${entry.from} → ${entry.to}: ${change.zeroMajor ? "breaking change in 0.x (major)" : "major version change"}`,
        file: manifestPath,
        anchors: anchorsOf([entry.name]),
        data: { name: entry.name, type: entry.type, from: entry.from, to: entry.to, zeroMajor: change.zeroMajor },
      });
    }
    if (optionalChanged) {
      findings.push({
        kind: "dependency-optional",
        severity: "info",
        message: `${entry.name} is now ${entry.type === "optionalDependencies" ? "optional" : "required"}`,
        data: { name: entry.name },
      });
    }
  }
  return findings;
}
