import { fileAnchor } from "../render/anchors";
import type { ReviewContext } from "./context";
import { type Manifest, isRecord, keyAnchors, stringEntries } from "./manifest";
import type { Finding, ScriptChange } from "./types";

/** Scripts npm runs when the package is installed from the registry (and `prepare`, which it runs for git installs). */
export const INSTALL_SCRIPTS: ReadonlySet<string> = new Set(["preinstall", "install", "postinstall", "prepare"]);

/** A script as it reads in one line. */
const MAX_SCRIPT_SHOWN = 120;

function shown(script: string): string {
  const flat = script.replace(/\s+/g, " ").trim();
  return flat.length > MAX_SCRIPT_SHOWN ? `${flat.slice(0, MAX_SCRIPT_SHOWN - 1)}…` : flat;
}

/** Strips the `./` and quotes of a path as a script names it. */
function scriptPath(token: string): string {
  return token.replace(/^["']|["']$/g, "").replace(/^\.\//, "");
}

/**
 * A manifest's `bin` as [command, target] pairs: the string form names the
 * command after the package (its unscoped name), as npm does. Targets lose
 * a leading `./` so they compare with tree paths.
 *
 * @example
 * binEntries({ name: "@a/tool", bin: "./cli.js" }) // → [["tool", "cli.js"]]
 * binEntries({ bin: { b: "b.js", a: "a.js" } }) // → [["a", "a.js"], ["b", "b.js"]]
 */
export function binEntries(manifest: Manifest | undefined): [string, string][] {
  if (!manifest) return [];
  const { bin, name } = manifest;
  if (typeof bin === "string") {
    const command = typeof name === "string" ? name.slice(name.lastIndexOf("/") + 1) : "bin";
    return [[command, scriptPath(bin)]];
  }
  return stringEntries(bin).map(([command, target]) => [command, scriptPath(target)]);
}

/**
 * Every script that changed between the two manifests, and findings for
 * the ones that run at install: added or changed is `attention` (what
 * Shai-Hulud did), removed is `info`. A script that runs a file new in this
 * version says so and links that file too.
 *
 * @example
 * installScriptFindings(context)
 * // → { scripts: [{ name: "postinstall", from: null, to: "node bundle.js", installTime: true }],
 * //     findings: [{ kind: "install-script-added", message: "New postinstall script: node bundle.js (runs bundle.js, new in this version)", … }] }
 */
export function installScriptFindings(context: ReviewContext): { scripts: ScriptChange[]; findings: Finding[] } {
  const before = new Map(stringEntries(context.oldManifest?.scripts));
  const after = new Map(stringEntries(context.newManifest?.scripts));
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  const manifestDiff = context.rules.manifestPath ? context.diffs.get(context.rules.manifestPath) : undefined;
  const scripts: ScriptChange[] = [];
  const findings: Finding[] = [];
  for (const name of names) {
    const from = before.get(name) ?? null;
    const to = after.get(name) ?? null;
    if (from === to) continue;
    const installTime = INSTALL_SCRIPTS.has(name);
    scripts.push({ name, from, to, installTime });
    if (!installTime) continue;
    const file = context.rules.manifestPath;
    if (to === null) {
      findings.push({
        kind: "install-script-removed",
        severity: "info",
        message: `${name} script removed (was: ${shown(from ?? "")})`,
        file,
        anchors: keyAnchors(manifestDiff, name, "-"),
        data: { script: name },
      });
      continue;
    }
    const runsNew = newFilesRun(context, to);
    const suffix = runsNew.length > 0 ? ` (runs ${runsNew.join(", ")}, new in this version)` : "";
    findings.push({
      kind: from === null ? "install-script-added" : "install-script-changed",
      severity: "attention",
      message:
        from === null
          ? `New ${name} script: ${shown(to)}${suffix}`
          : `${name} script changed: ${shown(from)} → ${shown(to)}${suffix}`,
      file,
      anchors: [...keyAnchors(manifestDiff, name, "+"), ...runsNew.map(fileAnchor)],
      data: { script: name, from, to },
    });
  }
  return { scripts, findings };
}

/** The files a script names that this version added. */
function newFilesRun(context: ReviewContext, script: string): string[] {
  const found: string[] = [];
  for (const token of script.split(/[\s;&|()]+/)) {
    const path = scriptPath(token);
    if (path && context.diffs.get(path)?.status === "added" && !found.includes(path)) found.push(path);
  }
  return found;
}

/** `bin` commands added or pointing elsewhere (`notice`: they become programs on PATH), removed (`info`). */
export function binFindings(context: ReviewContext): Finding[] {
  const before = new Map(binEntries(context.oldManifest));
  const after = new Map(binEntries(context.newManifest));
  const manifestDiff = context.rules.manifestPath ? context.diffs.get(context.rules.manifestPath) : undefined;
  const stringForm = isRecord(context.newManifest) && typeof context.newManifest.bin === "string";
  const findings: Finding[] = [];
  for (const [command, target] of after) {
    const was = before.get(command);
    if (was === target) continue;
    const key = stringForm ? "bin" : command;
    findings.push({
      kind: "bin-changed",
      severity: "notice",
      message: was === undefined ? `New command ${command} → ${target}` : `Command ${command} now runs ${target} (was ${was})`,
      file: target,
      anchors: [...keyAnchors(manifestDiff, key, "+"), ...(context.input.to.tree.entries.has(target) ? [fileAnchor(target)] : [])],
      data: { command, from: was ?? null, to: target },
    });
  }
  for (const [command, target] of before) {
    if (after.has(command)) continue;
    findings.push({
      kind: "bin-changed",
      severity: "info",
      message: `Command ${command} removed (ran ${target})`,
      data: { command, from: target, to: null },
    });
  }
  return findings;
}
