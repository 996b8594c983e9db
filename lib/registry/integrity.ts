import { createHash } from "node:crypto";

export type HashAlgorithm = "sha512" | "sha384" | "sha256" | "sha1";

/** Strongest first: SRI says to check only the strongest algorithm listed. */
const STRENGTH: readonly HashAlgorithm[] = ["sha512", "sha384", "sha256", "sha1"];

const DIGEST_BYTES: Record<HashAlgorithm, number> = { sha512: 64, sha384: 48, sha256: 32, sha1: 20 };

export type IntegrityCheck =
  | { status: "ok"; algorithm: HashAlgorithm; source: "integrity" | "shasum" }
  | { status: "mismatch"; algorithm: HashAlgorithm; source: "integrity" | "shasum"; actual: string }
  /** The packument claims a checksum that pkgdiff cannot use (unknown algorithm, malformed). */
  | { status: "unusable" }
  /** The packument has no checksum at all (very old packages). */
  | { status: "absent" };

export interface DistChecksums {
  integrity?: string;
  shasum?: string;
}

/**
 * Checks tarball bytes against a packument's `dist`: the strongest hash of
 * the SRI `integrity` string (https://www.w3.org/TR/SRI/#does-response-match-metadatalist),
 * else the legacy hex `shasum` (sha1). Pure; the adapter decides what a
 * result means for the user.
 *
 * @example
 * checkIntegrity(bytes, { integrity: "sha512-…" }); // { status: "ok", algorithm: "sha512", source: "integrity" }
 * checkIntegrity(bytes, { shasum: "0000…" }); // { status: "mismatch", algorithm: "sha1", source: "shasum", actual: "…" }
 */
export function checkIntegrity(bytes: Uint8Array, dist: DistChecksums): IntegrityCheck {
  const fromSri = strongestHashes(dist.integrity ?? "");
  if (fromSri) {
    const actual = createHash(fromSri.algorithm).update(bytes).digest();
    const ok = fromSri.digests.some((expected) => expected.equals(actual));
    return ok
      ? { status: "ok", algorithm: fromSri.algorithm, source: "integrity" }
      : { status: "mismatch", algorithm: fromSri.algorithm, source: "integrity", actual: `${fromSri.algorithm}-${actual.toString("base64")}` };
  }
  const shasum = dist.shasum?.trim().toLowerCase();
  if (shasum !== undefined && /^[0-9a-f]{40}$/.test(shasum)) {
    const actual = createHash("sha1").update(bytes).digest("hex");
    return actual === shasum
      ? { status: "ok", algorithm: "sha1", source: "shasum" }
      : { status: "mismatch", algorithm: "sha1", source: "shasum", actual };
  }
  const claimed = (dist.integrity ?? "").trim() !== "" || (dist.shasum ?? "").trim() !== "";
  return claimed ? { status: "unusable" } : { status: "absent" };
}

interface StrongestHashes {
  algorithm: HashAlgorithm;
  /** Several digests of one algorithm may be listed; any match is a match. */
  digests: Buffer[];
}

function strongestHashes(sri: string): StrongestHashes | undefined {
  const byAlgorithm = new Map<HashAlgorithm, Buffer[]>();
  for (const token of sri.trim().split(/\s+/)) {
    const match = /^([a-z0-9]+)-([A-Za-z0-9+/]+={0,2})(\?.*)?$/i.exec(token);
    const algorithm = STRENGTH.find((known) => known === match?.[1]?.toLowerCase());
    if (!match?.[2] || algorithm === undefined) continue;
    const digest = Buffer.from(match[2], "base64");
    if (digest.length !== DIGEST_BYTES[algorithm]) continue;
    byAlgorithm.set(algorithm, [...(byAlgorithm.get(algorithm) ?? []), digest]);
  }
  for (const algorithm of STRENGTH) {
    const digests = byAlgorithm.get(algorithm);
    if (digests) return { algorithm, digests };
  }
  return undefined;
}

/**
 * True only when the bytes match the version's published checksum; for
 * re-checking bytes read back from a cache. Absent or unusable checksums
 * are `false`: nothing was verified.
 *
 * @example
 * verifyIntegrity(bytes, pkg.versions.get("1.2.0")!); // true
 */
export function verifyIntegrity(bytes: Uint8Array, dist: DistChecksums): boolean {
  return checkIntegrity(bytes, dist).status === "ok";
}
