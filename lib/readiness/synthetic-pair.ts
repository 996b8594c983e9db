import type { FileDiff } from "../diff/types";
import type { EcosystemRules } from "../review/rules";
import { summarize } from "../review/summarize";
import { isBinary } from "../tarball/is-binary";
import { packageTree } from "../tarball/read-tarball";
import type { PackageEntry, PackageTree } from "../tarball/types";

/** One minified line over 2,000 characters (a bundle, collapsed as minified) that calls out. */
const minified = (version: string) => `!function(){var e={version:"${version}"};${"e.a=function(t){return t+1};".repeat(80)}fetch("/v")}();\n`;
/** A packed payload: a quoted run of base64 that the entropy check reads as high. */
const PACKED = "GSokA+ngjzE+VKXwXBHKwy1x9Z+iOlJ/hYITLJOlN72d5J2osNqCsfSZGgpFoVg9wEsvd/t2S5XFq/WhTdrSzKWUV0kc8no7jEJaAMxzmqBbg6FsFQ0/whLB";

/**
 * A small package in two versions, in the languages pkgdiff sees most:
 * enough changed files that every worker gets some, and added lines that
 * take every path of the review's risky-code scan (so its regular
 * expressions are compiled and its functions optimised): patterns on added
 * lines and offset by removed ones, a bundle that was minified before (its
 * long lines skipped, its long line read only where it changed), a long
 * line and a packed string added to a file that was not; and dependencies
 * as ranges and as exact versions (semver's two paths).
 */
const BEFORE: Record<string, string> = {
  "package.json": '{\n  "name": "warm-up",\n  "version": "1.0.0",\n  "main": "index.js",\n  "dependencies": { "a": "^1.0.0", "c": "1.0.0" }\n}\n',
  "index.js": "'use strict';\n\nmodule.exports = function add(a, b) {\n  if (process.env.TRACE) console.log(a, b);\n  return a + b;\n};\n",
  "dist/warm-up.min.js": minified("1.0.0"),
  "lib/data.js": "module.exports = [];\n",
  "lib/util.mjs": "export const double = (x) => x * 2;\n",
  "types/index.d.ts": "export declare function add(a: number, b: number): number;\n",
  "README.md": "# warm-up\n\nAdds numbers.\n",
  "style.css": ".a { color: red; }\n",
  "lib/warm_up.ex": 'defmodule WarmUp do\n  def add(a, b), do: a + b\nend\n',
  "mix.exs": 'defmodule WarmUp.MixProject do\n  use Mix.Project\n  def project, do: [app: :warm_up, version: "1.0.0"]\nend\n',
};

const AFTER: Record<string, string> = {
  "package.json":
    '{\n  "name": "warm-up",\n  "version": "1.1.0",\n  "main": "index.js",\n  "scripts": { "postinstall": "node setup.js" },\n  "dependencies": { "a": "^2.0.0", "b": "~1.2.0", "c": "1.0.1" }\n}\n',
  "index.js":
    "'use strict';\n\nconst http = require('node:http');\n\nmodule.exports = function add(a, b) {\n  if (process.env.TRACE) console.log(a, b, process.env.DEBUG);\n  if (process.env.DEBUG) fetch('https://example.invalid/' + (a + b));\n  return a + b;\n};\n",
  "dist/warm-up.min.js": minified("1.1.0"),
  "lib/data.js": `module.exports = [${"1, ".repeat(400)}"${PACKED}"];\n`,
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

/** A seeded generator of numbers in [0, n): the same source on every start. */
function seeded(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state % n;
  };
}

/** `count` lines of varied JavaScript: mostly distinct lines, some repeated ones (braces, blank lines), as a bundle has. */
function generatedLines(count: number, seed: number): string[] {
  const pick = seeded(seed);
  const id = () => `${["get", "set", "make", "read", "node", "type", "emit", "check"][pick(8)]}${pick(700)}`;
  const shapes = [
    () => `    const ${id()} = ${id()}(${id()}, ${pick(10_000)});`,
    () => `    if (${id()}.${id()} > ${pick(100)}) return ${id()};`,
    () => `function ${id()}(${id()}, ${id()}) {`,
    () => "}",
    () => "",
    () => `    ${id()}.${id()} = "${id()} ${id()}";`,
    () => `    // ${id()} before ${id()}: see ${id()}`,
    () => `    for (let i = 0; i < ${id()}.length; i++) ${id()}(${id()}[i]);`,
  ];
  return Array.from({ length: count }, () => shapes[pick(shapes.length)]!());
}

/**
 * The next version of some lines: scattered edits (generated lines in),
 * insertions and deletions, and one stretch where nearly every line
 * changed (its numbers), as a rebuilt bundle's diff has.
 */
function editedLines(lines: readonly string[], seed: number): string[] {
  const pick = seeded(seed);
  const fresh = generatedLines(lines.length, seed + 1);
  const out: string[] = [];
  lines.forEach((line, i) => {
    const roll = pick(40);
    if (i > lines.length * 0.6 && i < lines.length * 0.75) out.push(line.replace(/\d+/g, "$&0"));
    else if (roll === 0) return;
    else if (roll < 3) out.push(fresh[i]!);
    else out.push(line);
    if (roll === 3) out.push(fresh[lines.length - 1 - i]!);
  });
  return out;
}

/** Lines of the generated code when no real code is given: two bundles of 6,000. */
const GENERATED_LINES = 12_000;
/** Real code's lines are kept below this length (a file with a line of 2,000 characters collapses as minified). */
const LONGEST_SOURCE_LINE = 1_000;
/** Real code shorter than this is not used (the worker bundle has about 14,000 lines). */
const FEWEST_SOURCE_LINES = 3_000;

/**
 * Two versions of a package of bundles, for the workers' warm-up: a line
 * diff, review scan and patch long enough that their functions are
 * optimised, and the heaps grown, before the first real diff (without it,
 * a fresh worker's first big diff was ~300 ms slower than its second:
 * typescript 5.4.5→5.5.2 on two cores).
 *
 * Made from `source` when it is given: real code (the server passes its
 * worker bundle's own text), whose long lines, repeated lines and braces
 * take the line diff where published code does. Generated lines left
 * typescript's first diff ~130 ms slower again: the worker's optimised
 * code met long lines, repeated new lines and groups that slide for the
 * first time there, and was thrown away. Else (or when `source` has
 * fewer than 3,000 lines) from generated lines.
 *
 * The files: the code in two halves, each edited (scattered edits, and a
 * stretch where every number changed), one per worker of a two-thread
 * pool; a file cut down to a few lines (as typescript 5.5 cut
 * tsserver.js); a new file; and a stretch rewritten in reverse order.
 */
export function engineWarmUpPair(source?: string): { oldTree: PackageTree; newTree: PackageTree } {
  // Lines of a minified length are left out: one would make its file collapse as minified, which published bundles mostly are not.
  const real = source?.split("\n").filter((line) => line.length < LONGEST_SOURCE_LINE) ?? [];
  // Too little real code to be worth a warm-up: generated lines instead.
  const lines = real.length >= FEWEST_SOURCE_LINES ? real : generatedLines(GENERATED_LINES, 17);
  const text = (part: readonly string[]) => `${part.join("\n")}\n`;
  const half = Math.ceil(lines.length / 2);
  const third = Math.ceil(lines.length / 3);
  const before: Record<string, string> = {};
  const after: Record<string, string> = {};
  [lines.slice(0, half), lines.slice(half)].forEach((part, i) => {
    const path = `lib/bundle-${i === 0 ? "a" : "b"}.js`;
    before[path] = text(part);
    after[path] = text(editedLines(part, 29 + i));
  });
  const middle = lines.slice(third, 2 * third);
  before["lib/cut-down.js"] = text(lines.slice(0, third));
  after["lib/cut-down.js"] = text(lines.slice(0, 10));
  after["lib/added.js"] = text(middle);
  before["lib/reordered.js"] = text(middle);
  after["lib/reordered.js"] = text([...middle].reverse());
  return { oldTree: tree(before), newTree: tree(after) };
}

/** The diff limits the synthetic pair is diffed with (the warm-up's workers and its page). */
export const SYNTHETIC_LIMITS = { maxFileBytes: 1 << 20, budgetMs: 5_000 };

/** The synthetic pair's two trees (new objects on every call). */
export function syntheticPair(): { oldTree: PackageTree; newTree: PackageTree } {
  return { oldTree: tree(BEFORE), newTree: tree(AFTER) };
}

/**
 * The review rules of each table given (every ecosystem's, from the
 * server's warm-up; npm's, from the bench before it times the review) run
 * once on the synthetic pair's diff, so their regular expressions are
 * compiled before a real diff needs them. The tables are handed over rather
 * than read from the ecosystem list, which is server-only: the bench runs
 * this in plain node.
 */
export function reviewSyntheticPair(pair: { oldTree: PackageTree; newTree: PackageTree }, files: readonly FileDiff[], tables: readonly EcosystemRules[]): void {
  for (const rules of tables) {
    summarize({
      rules,
      dependencyLink: (name, from, to) => `/${name}/${from}..${to}`,
      name: "warm-up",
      from: { version: "1.0.0", tree: pair.oldTree },
      to: { version: "1.1.0", tree: pair.newTree },
      files,
    });
  }
}
