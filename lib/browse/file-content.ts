import "server-only";
import { SingleFlight } from "../cache/single-flight";
import { renderCache, stringBytes } from "../cache/sizes";
import type { PackageFile } from "../tarball/types";
import { linesPath, rawPath } from "./browse-path";
import type { BrowseOptions } from "./browse-page";
import { describeBinary, imageType, prettyLanguage } from "./file-kind";
import { parentOf } from "./folders";
import { getEnginePool } from "../workers/pool";
import { type MarkdownResult, markdownInPool, type PoolFailure } from "./in-pool";
import { fileKey, type RenderedLines, renderSlice, textView } from "./text-view";

/** Markdown bigger than this is shown as source: rendering is for READMEs, not for data dumps. */
export const MAX_RENDERED_MARKDOWN = 512 * 1024;
const MARKDOWN = /\.(md|markdown|mdown|mkdn)$/i;

/** What the file view shows for one file. */
export type FileContent =
  | { kind: "empty" }
  | { kind: "binary"; description: string; rawHref: string; image: boolean }
  | { kind: "markdown"; html: string; lineCount: number }
  | {
      kind: "text";
      lineCount: number;
      /** First line index of every slice; the viewer fetches the ones after `first`. */
      starts: number[];
      first: RenderedLines;
      /** Where further slices come from (`?start=<line index>`, plus `&pretty=1` when pretty). */
      linesSrc: string;
      pretty: boolean;
      /** The file looks minified and the pretty-printer knows its language. */
      canPretty: boolean;
      /**
       * Pretty-printing or Markdown rendering was asked for and did not
       * finish: why the file is shown as published (the page is then not
       * cached as the URL's immutable answer).
       */
      prettyNote?: string;
      /** Markdown shown as source (`?plain=1`, too big to render, or its rendering did not finish). */
      markdownSource: boolean;
    };

// Rendered READMEs of canonical versions never change; keep the hot ones.
const markdownCache = renderCache<string>("markdownBytes", stringBytes);

export function isMarkdown(path: string): boolean {
  return MARKDOWN.test(path);
}

/** Loads (from caches when warm) what the page shows for `file`. */
export async function loadFileContent(
  page: { prefix: string; name: string; version: string; cacheKey: string },
  file: PackageFile,
  options: BrowseOptions,
): Promise<FileContent> {
  if (file.bytes.length === 0) return { kind: "empty" };
  const rawHref = rawPath(page.name, page.version, file.path, page.prefix);
  if (file.binary) {
    return { kind: "binary", description: describeBinary(file.path, file.bytes), rawHref, image: imageType(file.bytes) !== undefined };
  }
  const key = fileKey(page.cacheKey, file.path);
  const markdown = isMarkdown(file.path);
  let markdownFailed: PoolFailure | undefined;
  if (markdown && !options.plain && file.bytes.length <= MAX_RENDERED_MARKDOWN) {
    const rendered = await renderedMarkdown(key, page, file);
    if (rendered.ok) return { kind: "markdown", html: rendered.html, lineCount: (await textView(key, file, false)).lines.length };
    // Past its deadline (or failed): the source, with a note, rather than an error or a hung page.
    markdownFailed = rendered.failure;
  }
  const view = await textView(key, file, options.pretty);
  const first = await renderSlice(view, 0);
  if (!first) return { kind: "empty" };
  const original = view.pretty ? await textView(key, file, false) : view;
  return {
    kind: "text",
    lineCount: view.lines.length,
    starts: view.starts,
    first,
    // A fallen-back view is the original's: its slices are the original's too.
    linesSrc: linesPath(page.name, page.version, file.path, page.prefix) + (view.pretty ? "?pretty=1" : ""),
    pretty: view.pretty,
    canPretty: original.minified && prettyLanguage(file.path) !== undefined,
    ...(view.prettyFailed && { prettyNote: PRETTY_NOTES[view.prettyFailed] }),
    ...(markdownFailed && { prettyNote: MARKDOWN_NOTES[markdownFailed] }),
    markdownSource: markdown,
  };
}

/** A Markdown file's HTML, from the cache or rendered in the worker pool (only successes are cached). */
async function renderedMarkdown(
  key: string,
  page: { prefix: string; name: string; version: string },
  file: PackageFile,
): Promise<MarkdownResult> {
  const hit = markdownCache.get(key);
  if (hit !== undefined) return { ok: true, html: hit };
  // Requests for one README while it renders (a link posted in a busy channel) share that rendering.
  return rendering.run(key, async () => {
    const base = { name: page.name, version: page.version, folder: parentOf(file.path), prefix: page.prefix };
    const rendered = await markdownInPool(getEnginePool(), new TextDecoder().decode(file.bytes), base);
    if (rendered.ok) markdownCache.set(key, rendered.html);
    return rendered;
  });
}

const rendering = new SingleFlight<string, MarkdownResult>();

const MARKDOWN_NOTES: Record<PoolFailure, string> = {
  timeout: "Rendering this Markdown took too long; it is shown as source.",
  failed: "This Markdown could not be rendered; it is shown as source.",
};

const PRETTY_NOTES: Record<PoolFailure, string> = {
  timeout: "Pretty-printing this file took too long; it is shown as published.",
  failed: "This file could not be pretty-printed; it is shown as published.",
};
