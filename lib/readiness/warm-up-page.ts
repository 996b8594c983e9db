import "server-only";
import { diffTrees } from "../diff/tree-diff";
import type { Ecosystem } from "../registry/ecosystem";
import { ECOSYSTEMS } from "../registry/ecosystems";
import { diffPath } from "../routes/diff-path";
import { summarize } from "../review/summarize";
import type { DiffResult } from "../service/diff-service";
import type { DiffPageOptions } from "../routes/diff-options";
import { SYNTHETIC_LIMITS, syntheticPair } from "./synthetic-pair";
import { WARM_UP_HEADER, warmUpPagePath, warmUpToken } from "./warm-up-token";

/*
 * The warm-up's diff pages: the synthetic pair rendered through each
 * ecosystem's real diff route (`/diff/…`, `/hex/diff/…`: the proxy, the
 * route's modules, its components), once, before `/readyz` says ready, so
 * the first real page does not pay for loading them and for React's first
 * render of them. Measured: the first huge page held the event loop
 * 210–340 ms in one stretch; after a small diff page had been rendered
 * through the route, 140–160 ms.
 *
 * Only the server's own request sees them (warm-up-token.ts: their paths
 * are ordinary diff URLs for anyone else).
 */

/** The view the warm-up pages render. */
export const WARM_UP_OPTIONS: DiffPageOptions = { view: "unified", ignoreWhitespace: false };

/** The synthetic pair as one ecosystem's computed diff (with its review summary), for its warm-up page. */
export function syntheticDiff(ecosystem: Ecosystem): DiffResult {
  const { oldTree, newTree } = syntheticPair();
  const options = { ignoreWhitespace: WARM_UP_OPTIONS.ignoreWhitespace };
  const { files, totals } = diffTrees(oldTree, newTree, SYNTHETIC_LIMITS);
  const [name, from, to] = ["warm_up", "1.0.0", "1.1.0"];
  const summary = summarize({
    rules: ecosystem.review,
    dependencyLink: (dep, a, b) => diffPath(dep, a, b, "html", ecosystem.urlPrefix),
    name,
    from: { version: from, tree: oldTree },
    to: { version: to, tree: newTree },
    files,
  });
  const trees = { old: oldTree, new: newTree };
  return { key: `warm-up:${ecosystem.id}`, name, from, to, options, files, totals, summary, trees: () => Promise.resolve(trees) };
}

/**
 * Requests each ecosystem's warm-up page from the server itself (`origin`:
 * where it listens) and reads it to the end; rejects unless each answered 200.
 */
export async function renderWarmUpPages(origin: string): Promise<void> {
  for (const ecosystem of ECOSYSTEMS) {
    const path = warmUpPagePath(ecosystem.urlPrefix);
    const response = await fetch(new URL(path, origin), { headers: { [WARM_UP_HEADER]: warmUpToken(), "user-agent": "pkgdiff-warm-up" } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`the warm-up page ${path} answered ${response.status}`);
  }
}
