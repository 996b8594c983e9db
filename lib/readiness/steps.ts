import "server-only";
import { readFile } from "node:fs/promises";
import { highlightLines } from "../highlight/highlighter";
import { ECOSYSTEMS } from "../registry/ecosystems";
import { currentIndexAsset } from "../search/index-asset";
import type { TreeDiff } from "../diff/tree-diff";
import { type EnginePool, getEnginePool } from "../workers/pool";
import { diffTreesPooled, renderFilePooled } from "../workers/pooled";
import { engineWarmUpPair, reviewSyntheticPair, SYNTHETIC_LIMITS, syntheticPair } from "./synthetic-pair";
import { renderWarmUpPages } from "./warm-up-page";
import type { WarmUpStep } from "./warm-up";

/** Real code for the engine's warm-up: the worker bundle's own text (none when the tasks run inline). */
async function workerSource(pool: EnginePool): Promise<string | undefined> {
  if (pool.mode !== "workers") return undefined;
  return readFile(pool.workerPath, "utf8").catch(() => undefined);
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

/**
 * The server's warm-up, in the order the first diff page needs them.
 * `origin`: where the server listens, given when the server itself asked
 * (its first `/readyz`): then a diff page is rendered once too, through it.
 */
export function warmUpSteps({ origin }: { origin?: string } = {}): WarmUpStep[] {
  const { oldTree, newTree } = syntheticPair();
  let files: TreeDiff["files"] = [];
  const page: WarmUpStep[] = origin ? [{ name: "a diff page rendered per ecosystem", run: () => renderWarmUpPages(origin) }] : [];
  return [
    {
      name: "workers: diff and render a synthetic pair",
      async run() {
        const pool = getEnginePool();
        // One file per batch, so every worker diffs and compiles its share, with each ecosystem's review scan and the patch a `.patch` asks the workers for.
        const works = ECOSYSTEMS.map((ecosystem) => ({ batchFiles: 1, scan: ecosystem.scanFiles, patch: {} }));
        // The bundles once (the line diff and patch writer are the same for every ecosystem), then the small pair per ecosystem.
        const bundles = engineWarmUpPair(await workerSource(pool));
        await diffTreesPooled(pool, bundles.oldTree, bundles.newTree, SYNTHETIC_LIMITS, works[0]!);
        for (const work of works) ({ files } = await diffTreesPooled(pool, oldTree, newTree, SYNTHETIC_LIMITS, work));
        await Promise.all(files.map((file) => renderFilePooled(pool, file, oldTree, newTree, { start: 0, count: 200 })));
      },
    },
    {
      name: "review rules",
      async run() {
        reviewSyntheticPair({ oldTree, newTree }, files, ECOSYSTEMS.map((ecosystem) => ecosystem.review));
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
    ...page,
  ];
}
