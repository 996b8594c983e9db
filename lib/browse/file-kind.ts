/** Image formats a browser shows in an `<img>` and that can't carry script (so never SVG). */
export type ImageType = "image/png" | "image/jpeg" | "image/gif" | "image/webp";

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);

/**
 * The image format of a file, told by its magic bytes (never by its name:
 * a `.png` that holds HTML stays `application/octet-stream`).
 *
 * @example
 * imageType(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) // → "image/png"
 */
export function imageType(bytes: Uint8Array): ImageType | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) {
    return "image/gif";
  }
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return undefined;
}

/**
 * The `Content-Type` of a raw file: text as `text/plain` (whatever it is:
 * HTML, SVG and JavaScript must never run from here), the four safe image
 * formats as themselves, anything else as bytes to download.
 */
export function rawContentType(file: { bytes: Uint8Array; binary: boolean }): string {
  if (!file.binary) return "text/plain; charset=utf-8";
  return imageType(file.bytes) ?? "application/octet-stream";
}

const BINARY_KINDS: [RegExp, string][] = [
  [/\.wasm$/i, "WebAssembly module"],
  [/\.(woff2?|ttf|otf|eot)$/i, "font"],
  [/\.(zip|gz|tgz|bz2|xz|br|zst)$/i, "archive"],
  [/\.(node|so|dylib|dll|exe)$/i, "native binary"],
  [/\.(ico|bmp|tiff?)$/i, "image"],
  [/\.pdf$/i, "PDF document"],
  [/\.(mp3|ogg|wav|flac)$/i, "audio"],
  [/\.(mp4|webm|mov)$/i, "video"],
];

const IMAGE_NAMES: Record<ImageType, string> = {
  "image/png": "PNG image",
  "image/jpeg": "JPEG image",
  "image/gif": "GIF image",
  "image/webp": "WebP image",
};

/** A short, human description of a binary file's type, for the file header. */
export function describeBinary(path: string, bytes: Uint8Array): string {
  const image = imageType(bytes);
  if (image) return IMAGE_NAMES[image];
  if (startsWith(bytes, [0x00, 0x61, 0x73, 0x6d])) return "WebAssembly module";
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return "ELF binary";
  if (startsWith(bytes, [0x1f, 0x8b])) return "gzip archive";
  for (const [pattern, kind] of BINARY_KINDS) if (pattern.test(path)) return kind;
  return "binary file";
}

/** Languages the pretty-printer (`prettyPrint`) knows how to lay out. */
export type PrettyLanguage = "js" | "json" | "css";

/** The pretty-printer's language for a path, when it has one. */
export function prettyLanguage(path: string): PrettyLanguage | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  if (ext === "js" || ext === "mjs" || ext === "cjs" || ext === "jsx") return "js";
  if (ext === "json" || ext === "map") return "json";
  if (ext === "css") return "css";
  return undefined;
}

/**
 * True when a text (as lines) looks minified: long lines on average, or
 * most of its characters in very long lines. A few long lines in ordinary
 * code (typescript.js has some) don't count. Such files get the
 * "pretty-print" offer.
 *
 * @example
 * looksMinified(["function a(){return 1}".repeat(500)]) // → true
 * looksMinified(new Array(500).fill("const a = 1;")) // → false
 */
export function looksMinified(lines: readonly string[]): boolean {
  let chars = 0;
  let inLongLines = 0;
  for (const line of lines) {
    chars += line.length + 1;
    if (line.length > 1_000) inLongLines += line.length;
  }
  if (chars < 2_000) return false;
  return chars / Math.max(1, lines.length) > 300 || inLongLines / chars > 0.5;
}
