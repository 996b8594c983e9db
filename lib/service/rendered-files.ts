import "server-only";
import { renderCache, stringBytes } from "../cache/sizes";
import { SingleFlight } from "../cache/single-flight";
import type { FileDiff } from "../diff/types";
import { type RenderedSlice, renderFileHtml, type RowSlice } from "../render/file-table";
import type { PackageTree } from "../tarball/types";
import { isTaskTimeout } from "../workers/errors";
import { renderFilePooled } from "../workers/pooled";
import { getEnginePool } from "../workers/pool";

/** A file's highlighting may take this long in a worker; past it the rows are shown plain. */
const RENDER_TIMEOUT_MS = 15_000;

// Rendered slices of canonical diffs never change: keep the hot ones (bounded by bytes).
const rendered = renderCache<RenderedSlice>("renderedDiffBytes", (r) => stringBytes(r.html));
// Concurrent requests for one page (a link posted in a busy channel) render each slice once.
const rendering = new SingleFlight<string, RenderedSlice>();

/**
 * A slice of one file's diff table as HTML, highlighted in a worker thread
 * (so a big file never stalls other requests) and cached. `diffKey` names
 * the diff (registry, versions, options, engine version). A file whose
 * highlighting runs out of time is rendered as plain escaped text instead.
 * Requests that ask while a slice renders share that rendering.
 */
export async function renderFileTable(
  diffKey: string,
  file: FileDiff,
  oldTree: PackageTree,
  newTree: PackageTree,
  slice: RowSlice,
): Promise<RenderedSlice> {
  const key = `${diffKey}\0${file.path}\0${slice.start}\0${slice.count}\0${slice.view ?? "unified"}`;
  const hit = rendered.get(key);
  if (hit) return hit;
  return rendering.run(key, async () => {
    let result: RenderedSlice;
    try {
      result = await renderFilePooled(getEnginePool(), file, oldTree, newTree, slice, { timeoutMs: RENDER_TIMEOUT_MS });
    } catch (error) {
      if (!isTaskTimeout(error)) throw error;
      result = await renderFileHtml(file, oldTree, newTree, { ...slice, plain: true });
    }
    rendered.set(key, result);
    return result;
  });
}
