import "server-only";
import { renderCache, stringBytes } from "../cache/sizes";
import { splitLines } from "../diff/split-lines";
import { escapeHtml } from "../html/escape";
import { isTaskTimeout } from "../workers/errors";
import { getEnginePool } from "../workers/pool";
import { highlightTask } from "../workers/worker-tasks";
import { languageForPath } from "../highlight/language";
import type { PackageFile } from "../tarball/types";
import { codeTableHtml } from "./code-html";
import { looksMinified, prettyLanguage } from "./file-kind";
import { MAX_LINE_CHARS, planSlices, sliceOf } from "./slices";
import { type PoolFailure, prettyInPool } from "./in-pool";

/** A text file as the viewer shows it: decoded, optionally pretty-printed, cut into slices. */
export interface TextView {
  /** Names the file and the view (`…:pretty`); part of slice cache keys. */
  key: string;
  lines: string[];
  /** First line index of each slice (see `planSlices`). */
  starts: number[];
  lang: string;
  pretty: boolean;
  /** Pretty-printing was asked for but ran out of time or failed: this is the file as published. */
  prettyFailed?: PoolFailure;
  /** The file as published looks minified (so the pretty-printed view is worth offering). */
  minified: boolean;
}

export interface RenderedLines {
  /** First line index rendered, and one past the last. */
  start: number;
  end: number;
  html: string;
}

/**
 * A grammar's state at a line depends on the lines before it, so a slice is
 * tokenized with this many lines of run-up (right in practice; the first
 * slice of a file has none to need).
 */
const RUN_UP_LINES = 200;

// Decoded files and rendered slices are keyed by immutable inputs, so they never go stale; bound by memory.
const views = renderCache<TextView>("textViewBytes", (v) => v.lines.reduce((n, l) => n + l.length * 2 + 32, 64));
const slices = renderCache<RenderedLines>("textSliceBytes", (s) => stringBytes(s.html));

/** Names one version of a package in cache keys. */
export function versionKey(registry: string, name: string, version: string): string {
  return `${registry}:${name}@${version}`;
}

/** Names one file of a version (see {@link versionKey}) in cache keys. */
export function fileKey(versionCacheKey: string, path: string): string {
  return `${versionCacheKey}:${path}`;
}

/** Pretty-prints under way, by view key: concurrent requests for one file share one pool task. */
const printing = new Map<string, Promise<TextView>>();

/**
 * The viewer's text of a file. `key` names the file (registry, package,
 * version, path). `pretty` lays out minified JS/JSON/CSS first, in the
 * worker pool (files the pretty-printer does not know are shown as they
 * are). A pretty-print past its deadline, or failed, gives the file as
 * published with `prettyFailed` set; that view is not kept under the
 * pretty key, so a later request tries again.
 */
export async function textView(key: string, file: PackageFile, pretty: boolean): Promise<TextView> {
  const prettyLang = pretty ? prettyLanguage(file.path) : undefined;
  if (!prettyLang) return plainView(key, file);
  const viewKey = `${key}:pretty`;
  const hit = views.get(viewKey);
  if (hit) return hit;
  let pending = printing.get(viewKey);
  if (!pending) {
    pending = (async () => {
      const out = await prettyInPool(getEnginePool(), decode(file), prettyLang);
      if (!out.ok) return { ...plainView(key, file), prettyFailed: out.failure };
      const lines = viewLines(out.text);
      const view: TextView = { key: viewKey, ...layout(lines), lang: languageForPath(file.path), pretty: true, minified: true };
      views.set(viewKey, view);
      return view;
    })().finally(() => printing.delete(viewKey));
    printing.set(viewKey, pending);
  }
  return pending;
}

/** The file as published (cached). */
function plainView(key: string, file: PackageFile): TextView {
  const hit = views.get(key);
  if (hit) return hit;
  const lines = viewLines(decode(file));
  const view: TextView = { key, ...layout(lines), lang: languageForPath(file.path), pretty: false, minified: looksMinified(lines) };
  views.set(key, view);
  return view;
}

function decode(file: PackageFile): string {
  return new TextDecoder("utf-8").decode(file.bytes);
}

function viewLines(text: string): string[] {
  // CRLF files: the "\r" is shown by nobody and would end up inside highlighted tokens.
  return splitLines(text).lines.map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
}

function layout(lines: string[]): Pick<TextView, "lines" | "starts"> {
  return { lines, starts: planSlices(lines.map((l) => l.length)) };
}

/** The highlighted rows of the slice that holds line index `line` (cached). */
export async function renderSlice(view: TextView, line: number): Promise<RenderedLines | undefined> {
  const slice = sliceOf(view.starts, view.lines.length, line);
  if (!slice) return undefined;
  const cacheKey = `${view.key}\0${slice.start}`;
  const hit = slices.get(cacheKey);
  if (hit) return hit;
  const from = Math.max(0, slice.start - RUN_UP_LINES);
  const window = view.lines.slice(from, slice.end).map((l) => (l.length > MAX_LINE_CHARS ? l.slice(0, MAX_LINE_CHARS) : l));
  const html = (await highlightInPool(window, view.lang)).slice(slice.start - from);
  const rows = html.map((row, i) => {
    const full = view.lines[slice.start + i]?.length ?? 0;
    return full > MAX_LINE_CHARS ? `${row}<span class="cut"> … ${full - MAX_LINE_CHARS} more characters</span>` : row;
  });
  const rendered = { start: slice.start, end: slice.end, html: codeTableHtml(rows, slice.start) };
  slices.set(cacheKey, rendered);
  return rendered;
}

/** A slice's highlighting may take this long in a worker; past it the lines are shown plain. */
const HIGHLIGHT_TIMEOUT_MS = 15_000;

/** Highlights in the worker pool, so a big file's slices never stall other requests. */
async function highlightInPool(lines: string[], lang: string): Promise<string[]> {
  try {
    return await getEnginePool().run(highlightTask, { lines, lang }, { timeoutMs: HIGHLIGHT_TIMEOUT_MS });
  } catch (error) {
    if (isTaskTimeout(error)) return lines.map(escapeHtml);
    throw error;
  }
}
