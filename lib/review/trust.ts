import type { ReviewContext } from "./context";
import type { Finding, ReleaseField, ReleaseMeta } from "./types";

/** What each field is called when saying it could not be compared. */
const FIELD_WORDS: Partial<Record<ReleaseField, string>> = {
  attestations: "provenance",
  trustedPublisher: "trusted publisher",
  npmUser: "publisher",
  maintainers: "maintainers",
  repositoryUrl: "repository URL",
  gitHead: "git commit (gitHead)",
};

/**
 * A repository URL in one form, so "git+https://host/a/b.git",
 * "git@host:a/b" and "https://host/a/b/" compare equal.
 *
 * @example
 * normalizeRepositoryUrl("git+ssh://git@example.com/a/b.git") // → "example.com/a/b"
 * normalizeRepositoryUrl("git@example.com:a/b") // → "example.com/a/b"
 */
export function normalizeRepositoryUrl(url: string): string {
  return url
    .trim()
    .replace(/^git\+/, "")
    .replace(/^[a-z]+:\/\//i, "")
    .replace(/^[^@/]+@([^:/]+):/, "$1/")
    .replace(/^[^@/]+@/, "")
    .replace(/(?:\.git)?\/*$/, "")
    .replace(/^[^/]+/, (host) => host.toLowerCase());
}

function carried(meta: ReleaseMeta | undefined, field: ReleaseField): boolean {
  return meta?.carried?.includes(field) ?? false;
}

/** A field's value on one side, or "unavailable" when it is absent and the registry is not known to carry it. */
function side<T>(meta: ReleaseMeta | undefined, field: ReleaseField, value: T | undefined): T | null | "unavailable" {
  if (value !== undefined && value !== null) return value;
  return carried(meta, field) ? null : "unavailable";
}

/**
 * Trust and publisher changes from the registry's metadata (npm): provenance
 * or trusted publishing present in `from` and gone in `to` (attention), a new
 * publisher, maintainers added or removed, the repository URL changed, no
 * gitHead where `from` had one (notices). A field the registry did not carry
 * for either version is never read as a downgrade: all such fields are named
 * in one info finding, "not available from this registry".
 *
 * @example
 * trustFindings(context) // → [{ kind: "provenance-lost", severity: "attention", message: "1.1.0 was published without provenance; 1.0.0 had it", … }]
 */
export function trustFindings(context: ReviewContext): Finding[] {
  if (!context.rules.trustFields) return [];
  const { from, to } = context.input;
  const a = from.meta;
  const b = to.meta;
  const findings: Finding[] = [];
  const unavailable: ReleaseField[] = [];
  /** Both sides of a field, or undefined (and the field noted) when either is unavailable. */
  const compare = <T>(field: ReleaseField, get: (meta: ReleaseMeta) => T | undefined): [T | null, T | null] | undefined => {
    const x = side(a, field, a && get(a));
    const y = side(b, field, b && get(b));
    if (x === "unavailable" || y === "unavailable") {
      unavailable.push(field);
      return undefined;
    }
    return [x, y];
  };

  const provenance = compare("attestations", (m) => m.attestations || undefined);
  if (provenance) {
    const [had, has] = provenance;
    if (had && !has) {
      findings.push({
        kind: "provenance-lost",
        severity: "attention",
        message: `${to.version} was published without provenance; ${from.version} had it`,
      });
    } else if (!had && has) {
      findings.push({ kind: "provenance-added", severity: "info", message: `${to.version} has provenance; ${from.version} had none` });
    }
  }

  const trusted = compare("trustedPublisher", (m) => m.npmUser?.trustedPublisher ?? undefined);
  if (trusted && trusted[0] !== null && trusted[1] === null) {
    findings.push({
      kind: "trusted-publisher-lost",
      severity: "attention",
      message: `${to.version} was not published by a trusted publisher (CI with OIDC); ${from.version} was`,
    });
  }

  const publisher = compare("npmUser", (m) => m.npmUser?.name);
  const maintainers = compare("maintainers", (m) => m.maintainers?.map((x) => x.name));
  if (publisher && publisher[1] !== null && publisher[0] !== publisher[1]) {
    const wasMaintainer = maintainers?.[0]?.includes(publisher[1]);
    findings.push({
      kind: "publisher-changed",
      severity: "notice",
      message:
        `${to.version} was published by ${publisher[1]}` +
        (publisher[0] === null ? "" : `; ${from.version} by ${publisher[0]}`) +
        (wasMaintainer === false ? ` (not a maintainer of ${from.version})` : ""),
      data: { from: publisher[0], to: publisher[1] },
    });
  }
  if (maintainers) {
    const [before, after] = [maintainers[0] ?? [], maintainers[1] ?? []];
    const added = after.filter((name) => !before.includes(name)).sort();
    const removed = before.filter((name) => !after.includes(name)).sort();
    if (added.length > 0 || removed.length > 0) {
      const parts = [added.length > 0 ? `added ${added.join(", ")}` : "", removed.length > 0 ? `removed ${removed.join(", ")}` : ""];
      findings.push({
        kind: "maintainers-changed",
        severity: "notice",
        message: `Maintainers changed: ${parts.filter(Boolean).join("; ")}`,
        data: { added, removed },
      });
    }
  }

  const repository = compare("repositoryUrl", (m) => m.repositoryUrl);
  if (repository && repository[0] !== null) {
    const [was, is] = repository;
    if (is === null || normalizeRepositoryUrl(was) !== normalizeRepositoryUrl(is)) {
      findings.push({
        kind: "repository-changed",
        severity: "notice",
        message: is === null ? `Repository URL removed (was ${was})` : `Repository changed: ${was} → ${is}`,
        data: { from: was, to: is },
      });
    }
  }

  const gitHead = compare("gitHead", (m) => m.gitHead);
  if (gitHead && gitHead[0] !== null && gitHead[1] === null) {
    findings.push({
      kind: "git-head-missing",
      severity: "notice",
      message: `${to.version} names no git commit (gitHead); ${from.version} did`,
      data: { from: gitHead[0] },
    });
  }

  if (unavailable.length > 0) findings.push(notAvailable(unavailable.map((field) => FIELD_WORDS[field] ?? field)));
  return findings;
}

/** One info finding for everything that could not be compared. */
export function notAvailable(what: string[]): Finding {
  const list = what.join(", ");
  return {
    kind: "not-available",
    severity: "info",
    message: `${list.charAt(0).toUpperCase()}${list.slice(1)}: not available from this registry, so not compared`,
    data: { fields: what },
  };
}
