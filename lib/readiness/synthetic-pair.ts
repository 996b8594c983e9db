import type { FileDiff } from "../diff/types";
import { ECOSYSTEMS } from "../registry/ecosystems";
import { summarize } from "../review/summarize";
import { isBinary } from "../tarball/is-binary";
import { packageTree } from "../tarball/read-tarball";
import type { PackageEntry, PackageTree } from "../tarball/types";

/**
 * A small package in two versions, in the languages pkgdiff sees most:
 * enough changed files that every worker gets some, and added lines that
 * the review's patterns read (so their regular expressions are compiled).
 */
const BEFORE: Record<string, string> = {
  "package.json": '{\n  "name": "warm-up",\n  "version": "1.0.0",\n  "main": "index.js",\n  "dependencies": { "a": "^1.0.0" }\n}\n',
  "index.js": "'use strict';\n\nmodule.exports = function add(a, b) {\n  return a + b;\n};\n",
  "lib/util.mjs": "export const double = (x) => x * 2;\n",
  "types/index.d.ts": "export declare function add(a: number, b: number): number;\n",
  "README.md": "# warm-up\n\nAdds numbers.\n",
  "style.css": ".a { color: red; }\n",
  "lib/warm_up.ex": 'defmodule WarmUp do\n  def add(a, b), do: a + b\nend\n',
  "mix.exs": 'defmodule WarmUp.MixProject do\n  use Mix.Project\n  def project, do: [app: :warm_up, version: "1.0.0"]\nend\n',
};

const AFTER: Record<string, string> = {
  "package.json":
    '{\n  "name": "warm-up",\n  "version": "1.1.0",\n  "main": "index.js",\n  "scripts": { "postinstall": "node setup.js" },\n  "dependencies": { "a": "^2.0.0", "b": "~1.2.0" }\n}\n',
  "index.js":
    "'use strict';\n\nconst http = require('node:http');\n\nmodule.exports = function add(a, b) {\n  if (process.env.DEBUG) fetch('https://example.invalid/' + (a + b));\n  return a + b;\n};\n",
  "lib/util.mjs": "export const double = (x) => x * 2;\nexport const triple = (x) => x * 3;\n",
  "types/index.d.ts": "export declare function add(a: number, b: number): number;\nexport declare const triple: (x: number) => number;\n",
  "README.md": "# warm-up\n\nAdds and triples numbers.\n\n| a | b |\n| - | - |\n| 1 | 2 |\n",
  "style.css": ".a { color: red; }\n.b { color: blue; }\n",
  "lib/warm_up.ex": 'defmodule WarmUp do\n  def add(a, b), do: a + b\n  def run(cmd), do: System.cmd(cmd, [])\nend\n',
  "mix.exs": 'defmodule WarmUp.MixProject do\n  use Mix.Project\n  def project, do: [app: :warm_up, version: "1.1.0", deps: [{:jason, "~> 1.4"}]]\nend\n',
  "setup.js": "const _0x1a2b3c = ['\\x68\\x65\\x6c\\x6c\\x6f'];\neval(_0x1a2b3c[0]);\n",
};

function tree(files: Record<string, string>): PackageTree {
  const entries = new Map<string, PackageEntry>();
  for (const [path, text] of Object.entries(files)) {
    const bytes = new TextEncoder().encode(text);
    entries.set(path, { kind: "file", path, mode: 0o644, bytes, binary: isBinary(bytes) });
  }
  return packageTree(entries);
}

/** The synthetic pair's two trees (new objects on every call). */
export function syntheticPair(): { oldTree: PackageTree; newTree: PackageTree } {
  return { oldTree: tree(BEFORE), newTree: tree(AFTER) };
}

/**
 * Every ecosystem's review rules run once on the synthetic pair's diff, so
 * their regular expressions are compiled before a real diff needs them
 * (the server's warm-up; the bench does the same before timing the review).
 */
export function reviewSyntheticPair(pair: { oldTree: PackageTree; newTree: PackageTree }, files: readonly FileDiff[]): void {
  for (const ecosystem of ECOSYSTEMS) {
    summarize({
      rules: ecosystem.review,
      dependencyLink: (name, from, to) => `/${name}/${from}..${to}`,
      name: "warm-up",
      from: { version: "1.0.0", tree: pair.oldTree },
      to: { version: "1.1.0", tree: pair.newTree },
      files,
    });
  }
}
