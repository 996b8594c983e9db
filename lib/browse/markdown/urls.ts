import { browsePath, rawPath } from "../browse-path";

/** Where a Markdown file sits, so its relative links can point at other files of the package. */
export interface MarkdownBase {
  name: string;
  version: string;
  /** The folder of the Markdown file (`""` at the root). */
  folder: string;
  /** The ecosystem's URL prefix ("" for npm). */
  prefix?: string;
}

export type SafeUrl =
  | { kind: "external"; href: string }
  | { kind: "internal"; href: string; path: string }
  /** A picture of the package (PNG, JPEG, GIF, WebP; SVG as an image), from the raw endpoint: only for `as: "image"`. */
  | { kind: "raw"; href: string; path: string }
  | { kind: "fragment"; href: string };

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const RAW_IMAGE = /\.(png|jpe?g|gif|webp)$/i;
/** The query that asks /raw for an SVG file as a picture (lib/browse/raw-endpoint.ts). */
const SVG_IMAGE_QUERY = "as=image";

/** True for a path (an SVG file's) that /raw serves as a picture when asked with `?as=image`. */
export function isSvgPath(path: string): boolean {
  return /\.svg$/i.test(path);
}

/** Whether a /raw request asks for its SVG file as a picture (`?as=image`). */
export function asksForImage(params: URLSearchParams): boolean {
  return params.get("as") === "image";
}

/**
 * The only URLs a rendered README may link to: `http(s)` (external),
 * `#fragment` (a heading on the page), and relative paths, which become
 * links to that file's browse page (or, for images, its raw bytes).
 * External images must be `https`: the browser loads them without a click,
 * so plain http would be mixed content and readable on the wire. Any
 * other scheme (`javascript:`, `data:`, `vbscript:`…), anything with control
 * characters, whitespace or backslashes, and relative paths that climb out
 * of the package are refused: the caller shows the text without a link.
 *
 * @example
 * safeUrl("https://example.com/x", base) // → { kind: "external", href: "https://example.com/x" }
 * safeUrl("docs/api.md", base) // → { kind: "internal", href: "/browse/pkg/1.0.0/docs/api.md", … }
 * safeUrl("logo.png", base, "image") // → { kind: "raw", href: "/raw/pkg/1.0.0/logo.png", … }
 * safeUrl("http://example.com/b.svg", base, "image") // → undefined
 * safeUrl("javascript:alert(1)", base) // → undefined
 */
export function safeUrl(raw: string, base: MarkdownBase, as: "link" | "image" = "link"): SafeUrl | undefined {
  const url = raw.trim();
  if (url === "" || /[\u0000-\u0020\u007f-\u009f\\]/.test(url)) return undefined;
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
  if (scheme !== undefined) {
    if ((scheme !== "http" && scheme !== "https") || !/^https?:\/\//i.test(url)) return undefined;
    if (as === "image" && scheme !== "https") return undefined;
    // Must still parse as an absolute URL with a host.
    try {
      const parsed = new URL(url);
      if (!parsed.host) return undefined;
    } catch {
      return undefined;
    }
    return { kind: "external", href: url };
  }
  if (url.startsWith("//")) return undefined;
  if (url.startsWith("#")) return { kind: "fragment", href: `#${headingId(decodeOr(url.slice(1)))}` };

  const hashAt = url.indexOf("#");
  const hash = hashAt === -1 ? "" : url.slice(hashAt);
  const pathPart = url.slice(0, hashAt === -1 ? undefined : hashAt).replace(/\?.*$/, "");
  const path = resolvePath(base.folder, decodeOr(pathPart));
  if (path === undefined) return undefined;
  if (as === "image" && RAW_IMAGE.test(path)) return { kind: "raw", href: rawPath(base.name, base.version, path, base.prefix), path };
  // An SVG picture comes from /raw as an image only when asked (`?as=image`): never a document that runs.
  if (as === "image" && isSvgPath(path)) return { kind: "raw", href: `${rawPath(base.name, base.version, path, base.prefix)}?${SVG_IMAGE_QUERY}`, path };
  // Only line hashes mean anything on a browse page.
  const lineHash = /^#L\d+(-L\d+)?$/.test(hash) ? hash : "";
  return { kind: "internal", href: browsePath(base.name, base.version, path, base.prefix) + lineHash, path };
}

/**
 * Joins a relative path onto a folder, resolving `.` and `..`; `undefined`
 * when it leaves the package. A leading `/` means the package root.
 *
 * @example
 * resolvePath("docs", "../lib/a.js") // → "lib/a.js"
 * resolvePath("", "../../etc/passwd") // → undefined
 */
export function resolvePath(folder: string, relative: string): string | undefined {
  const parts = relative.startsWith("/") ? [] : folder.split("/").filter(Boolean);
  for (const part of relative.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join("/");
}

/**
 * The id of a heading, GitHub-style (lowercase, punctuation dropped,
 * spaces to `-`), prefixed with `md-` so a README can't clobber the page's
 * own ids.
 *
 * @example
 * headingId("Getting Started!") // → "md-getting-started"
 */
export function headingId(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/<[^>]*>/g, "")
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .trim()
    .replace(/\s/g, "-");
  return `md-${slug}`;
}

function decodeOr(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
