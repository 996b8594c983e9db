import { readFileSync } from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";

/** Canonical responses never change: CDNs and browsers may keep them forever. */
export const IMMUTABLE = "public, max-age=31536000, immutable";
/** Redirects that resolve tags or ranges follow new publishes, so they are short-lived. */
export const SHORT_LIVED = "public, max-age=300";

/** A strong ETag from the parts that decide a response's bytes. */
export function etagFor(...parts: string[]): string {
  return `"${createHash("sha256").update(parts.join("\0")).digest("base64url").slice(0, 27)}"`;
}

export { matchesEtag } from "./etag-match.mjs";

let buildId: string | undefined;

/** The Next build id, part of page ETags: a new deploy may render the same diff differently. */
export function getBuildId(): string {
  if (buildId === undefined) {
    try {
      buildId = readFileSync(path.join(process.cwd(), ".next", "BUILD_ID"), "utf8").trim();
    } catch {
      buildId = "dev";
    }
  }
  return buildId;
}
