import "server-only";
import { diffTrees } from "../diff/tree-diff";
import { DEFAULT_ECOSYSTEM } from "../registry/ecosystems";
import { diffPath } from "../routes/diff-path";
import { summarize } from "../review/summarize";
import type { DiffResult } from "../service/diff-service";
import type { DiffPageOptions } from "../routes/diff-options";
import { syntheticPair } from "./synthetic-pair";
import { WARM_UP_HEADER, WARM_UP_PAGE_PATH, warmUpToken } from "./warm-up-token";

/**
 * The warm-up's diff page: the synthetic pair rendered through the real
 * diff route (`/diff/…`: its proxy, its modules, its components), once,
 * before `/readyz` says ready, so the first real page does not pay for
 * loading them and for React's first render of them. Measured: the first
 * huge page held the event loop 210–340 ms in one stretch; after a small
 * diff page had been rendered through the route, 140–160 ms.
 *
 * Only the server's own request sees it (warm-up-token.ts: its path,
 * WARM_UP_PAGE_PATH, is an ordinary diff URL for anyone else).
 */
/** The view the warm-up page renders. */
export const WARM_UP_OPTIONS: DiffPageOptions = { view: "unified", ignoreWhitespace: false };

/** The synthetic pair as a computed diff (with its review summary), for the warm-up page. */
export function syntheticDiff(): DiffResult {
  const { oldTree, newTree } = syntheticPair();
  const options = { ignoreWhitespace: false };
  const { files, totals } = diffTrees(oldTree, newTree, { maxFileBytes: 1 << 20, budgetMs: 5_000 });
  const [name, from, to] = ["warm-up", "1.0.0", "1.1.0"];
  const summary = summarize({
    rules: DEFAULT_ECOSYSTEM.review,
    dependencyLink: (dep, a, b) => diffPath(dep, a, b),
    name,
    from: { version: from, tree: oldTree },
    to: { version: to, tree: newTree },
    files,
  });
  const trees = { old: oldTree, new: newTree };
  return { key: "warm-up:synthetic", name, from, to, options, files, totals, summary, trees: () => Promise.resolve(trees) };
}

/**
 * Requests the warm-up page from the server itself (`origin`: where it
 * listens) and reads it to the end; rejects unless it answered 200.
 */
export async function renderWarmUpPage(origin: string): Promise<void> {
  const response = await fetch(new URL(WARM_UP_PAGE_PATH, origin), { headers: { [WARM_UP_HEADER]: warmUpToken(), "user-agent": "pkgdiff-warm-up" } });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`the warm-up page answered ${response.status}`);
}
