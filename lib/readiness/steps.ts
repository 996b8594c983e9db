import "server-only";
import { highlightLines } from "../highlight/highlighter";
import { ECOSYSTEMS } from "../registry/ecosystems";
import { reviewRulesFor } from "../review/ecosystems";
import { summarize } from "../review/summarize";
import { currentIndexAsset } from "../search/index-asset";
import type { TreeDiff } from "../diff/tree-diff";
import type { PackageEntry, PackageTree } from "../tarball/types";
import { getEnginePool } from "../workers/pool";
import { diffTreesPooled, renderFilePooled } from "../workers/pooled";
import type { WarmUpStep } from "./warm-up";

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
  let unpackedBytes = 0;
  for (const path of Object.keys(files).sort()) {
    const bytes = new TextEncoder().encode(files[path]);
    entries.set(path, { kind: "file", path, mode: 0o644, bytes, binary: false });
    unpackedBytes += bytes.byteLength;
  }
  return { entries, unpackedBytes };
}

/** The languages of the synthetic pair, highlighted on the main thread (browse and README code blocks run there). */
const MAIN_THREAD_LANGUAGES: Record<string, string> = {
  javascript: "const a = 1;",
  typescript: "let a: number = 1;",
  json: '{ "a": 1 }',
  css: ".a { color: red; }",
  markdown: "# a",
  elixir: "defmodule A do end",
};

/** The server's warm-up, in the order the first diff page needs them. */
export function warmUpSteps(): WarmUpStep[] {
  const oldTree = tree(BEFORE);
  const newTree = tree(AFTER);
  let files: TreeDiff["files"] = [];
  return [
    {
      name: "workers: diff and render a synthetic pair",
      async run() {
        const pool = getEnginePool();
        // One file per batch, so every worker diffs and compiles its share.
        ({ files } = await diffTreesPooled(pool, oldTree, newTree, { maxFileBytes: 1 << 20, budgetMs: 5_000 }, { batchFiles: 1 }));
        await Promise.all(files.map((file) => renderFilePooled(pool, file, oldTree, newTree, { start: 0, count: 200 })));
      },
    },
    {
      name: "review rules",
      async run() {
        for (const ecosystem of ECOSYSTEMS) {
          const rules = reviewRulesFor(ecosystem.id);
          if (!rules) continue;
          summarize({ ecosystem: rules.id, name: "warm-up", from: { version: "1.0.0", tree: oldTree }, to: { version: "1.1.0", tree: newTree }, files }, rules);
        }
      },
    },
    {
      name: "highlighter on the main thread",
      async run() {
        for (const [lang, line] of Object.entries(MAIN_THREAD_LANGUAGES)) await highlightLines([line], lang);
      },
    },
    {
      name: "search index",
      run: () => currentIndexAsset(),
    },
  ];
}
