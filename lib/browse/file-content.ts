import "server-only";
import { renderCache, stringBytes } from "../cache/sizes";
import type { PackageFile } from "../tarball/types";
import { linesPath, rawPath } from "./browse-path";
import type { BrowseOptions } from "./browse-page";
import { describeBinary, imageType, prettyLanguage } from "./file-kind";
import { parentOf } from "./folders";
import { renderMarkdown } from "./markdown/render";
import type { PrettyFailure } from "./pretty-in-pool";
import { fileKey, highlightCodeBlock, type RenderedLines, renderSlice, textView } from "./text-view";

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
      /** Pretty-printing was asked for and did not finish: why the file is shown as published. */
      prettyNote?: string;
      /** Markdown shown as source (`?plain=1`, or too big to render). */
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
  if (markdown && !options.plain && file.bytes.length <= MAX_RENDERED_MARKDOWN) {
    let html = markdownCache.get(key);
    if (html === undefined) {
      html = await renderMarkdown(new TextDecoder().decode(file.bytes), {
        base: { name: page.name, version: page.version, folder: parentOf(file.path), prefix: page.prefix },
        highlight: highlightCodeBlock,
      });
      markdownCache.set(key, html);
    }
    return { kind: "markdown", html, lineCount: (await textView(key, file, false)).lines.length };
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
    markdownSource: markdown,
  };
}

const PRETTY_NOTES: Record<PrettyFailure, string> = {
  timeout: "Pretty-printing this file took too long; it is shown as published.",
  failed: "This file could not be pretty-printed; it is shown as published.",
};
