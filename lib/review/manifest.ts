import type { FileDiff } from "../diff/types";
import type { PackageTree } from "../tarball/types";
import { changedLines, lineAnchor } from "./lines";

/** A parsed manifest (package.json): untrusted JSON, read field by field. */
export type Manifest = { readonly [key: string]: unknown };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A tree's own manifest, parsed; undefined when missing, binary or not a
 * JSON object (a broken package.json is not this rule's business: the
 * diff shows it).
 *
 * @example
 * readManifest(tree)?.version // → "1.2.3"
 */
export function readManifest(tree: PackageTree, path = "package.json"): Manifest | undefined {
  const entry = tree.entries.get(path);
  if (entry?.kind !== "file" || entry.binary) return undefined;
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(entry.bytes));
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The string-valued entries of an object field (`scripts`, `dependencies`…),
 * sorted by key so every caller iterates in the same order.
 *
 * @example
 * stringEntries({ b: "2", a: "1", c: 3 }) // → [["a", "1"], ["b", "2"]]
 */
export function stringEntries(value: unknown): [string, string][] {
  if (!isRecord(value)) return [];
  return Object.entries(value)
    .filter((entry): entry is [string, string] => typeof entry[1] === "string")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * JSON with object keys sorted, so two manifests that say the same thing
 * in another key order compare equal.
 *
 * @example
 * canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }) // → '{"a":[2,{"c":4,"d":3}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * Anchors of the manifest lines that added (`+`) or removed (`-`) a JSON
 * key, found in the manifest's hunks: what a finding about `"postinstall"`
 * links to. Empty when the manifest's hunks were not kept.
 *
 * @example
 * keyAnchors(packageJsonDiff, "postinstall", "+") // → ["file-package.json-R7"]
 */
export function keyAnchors(file: FileDiff | undefined, key: string, sign: "+" | "-"): string[] {
  if (!file) return [];
  const needle = new RegExp(`"${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"\\s*:`);
  const anchors: string[] = [];
  for (const line of changedLines(file, sign)) {
    if (needle.test(line.text)) anchors.push(lineAnchor(file.path, sign, line.line));
  }
  return anchors;
}
