import "server-only";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { processGlobal } from "../cache/process-global";
import { diffTrees } from "../diff/tree-diff";
import { DEFAULT_ECOSYSTEM } from "../registry/ecosystems";
import { diffPath } from "../routes/diff-path";
import { summarize } from "../review/summarize";
import type { DiffResult } from "../service/diff-service";
import { syntheticPair } from "./synthetic-pair";

/**
 * The warm-up's diff page: the synthetic pair rendered by the real diff
 * page components, once, before `/readyz` says ready, so the first real
 * page does not pay for loading the page's modules and for React's first
 * render (measured: the first huge page held the event loop 210–340 ms in
 * one stretch, one after a small page 130–160 ms).
 *
 * Only the server's own warm-up request sees it (a per-process token in a
 * header); any other request gets the 404 page.
 */
export const WARM_UP_PAGE_PATH = "/internal/warm-up";
export const WARM_UP_HEADER = "x-pkgdiff-warm-up";
/** The user agent of the server's requests to itself at start (scripts/server.mjs sends it to `/readyz`). */
export const WARM_UP_USER_AGENT = "pkgdiff-warm-up";

/** This process's token for the warm-up page (random, never leaves the process but for its own request). */
export function warmUpToken(): string {
  return processGlobal("pkgdiff.warmUpToken", () => randomBytes(16).toString("hex"));
}

/** Whether a request carries this process's warm-up token. */
export function isWarmUpRequest(headers: Headers): boolean {
  const given = Buffer.from(headers.get(WARM_UP_HEADER) ?? "");
  const token = Buffer.from(warmUpToken());
  return given.length === token.length && timingSafeEqual(given, token);
}

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
  const response = await fetch(new URL(WARM_UP_PAGE_PATH, origin), { headers: { [WARM_UP_HEADER]: warmUpToken(), "user-agent": WARM_UP_USER_AGENT } });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`the warm-up page answered ${response.status}`);
}
