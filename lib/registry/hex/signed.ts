import { type KeyObject, createPublicKey, verify } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { PkgdiffError } from "../../errors";
import { formatBytes } from "../../format-bytes";
import { type HexNames, type HexPackage, type HexVersions, decodeNames, decodePackage, decodeSigned, decodeVersions } from "./messages";

/*
 * Registry v2 resources (https://github.com/hexpm/specifications/blob/main/registry-v2.md):
 * gzip → Signed{payload, signature} → RSA PKCS#1 v1.5 / SHA-512 signature
 * over the payload with the repository's public key → the message. Then the
 * payload must name the repository asked for (and, for /packages/<name>,
 * the package), as hex_core's hex_registry:decode_package/3 checks: a
 * mirror cannot serve one package's releases, or another repository's,
 * under a name it was not signed for.
 */

export interface SignedResourceOptions {
  /** The repository's public key, from {@link parseHexPublicKey}. */
  publicKey: KeyObject;
  /** The repository name payloads must carry ("hexpm" for the public repository). */
  repository: string;
  /** Bound on the gunzipped resource; /versions of the public repository is a few MiB. */
  maxInflatedBytes: number;
}

/**
 * The repository's key from PEM text (SPKI `PUBLIC KEY` or PKCS#1 `RSA
 * PUBLIC KEY`). Throws a plain Error naming the setting: a bad key is a
 * configuration mistake for the operator, not a failure for a user.
 *
 * @example
 * const key = parseHexPublicKey(readFileSync(process.env.HEX_REPO_PUBLIC_KEY!, "utf8"));
 */
export function parseHexPublicKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    throw new Error("HEX_REPO_PUBLIC_KEY is not a PEM public key", { cause: error });
  }
  if (key.asymmetricKeyType !== "rsa") {
    throw new Error(`HEX_REPO_PUBLIC_KEY is a ${key.asymmetricKeyType ?? "unknown"} key; Hex repositories sign with RSA`);
  }
  return key;
}

/**
 * `/names`, verified.
 *
 * @example
 * const names = decodeNamesResource(body, { publicKey, repository: "hexpm", maxInflatedBytes: 64 * MiB });
 * names.packages.map((p) => p.name); // ["decimal", "jason", …]
 */
export function decodeNamesResource(body: Uint8Array, options: SignedResourceOptions): HexNames {
  const what = "The registry's /names";
  const names = decodeNames(openSigned(body, what, options), what);
  checkRepository(names.repository, what, options);
  return names;
}

/** `/versions`, verified. */
export function decodeVersionsResource(body: Uint8Array, options: SignedResourceOptions): HexVersions {
  const what = "The registry's /versions";
  const versions = decodeVersions(openSigned(body, what, options), what);
  checkRepository(versions.repository, what, options);
  return versions;
}

/**
 * `/packages/<name>`, verified, and checked to be about `name`.
 *
 * @example
 * decodePackageResource(body, "decimal", options).releases[0]?.version; // "1.9.0"
 */
export function decodePackageResource(body: Uint8Array, name: string, options: SignedResourceOptions): HexPackage {
  const what = `The registry's /packages/${name}`;
  const pkg = decodePackage(openSigned(body, what, options), what);
  checkRepository(pkg.repository, what, options);
  if (pkg.name !== name) {
    throw new PkgdiffError("upstream", `${what} was refused: its payload is for package ${quote(pkg.name)}, not ${quote(name)}`, {
      packageName: name,
    });
  }
  return pkg;
}

/** Gunzips within the bound, decodes Signed and verifies it; returns the payload. */
export function openSigned(body: Uint8Array, what: string, options: SignedResourceOptions): Uint8Array {
  const signed = decodeSigned(gunzipBounded(body, what, options.maxInflatedBytes), what);
  let valid = false;
  try {
    valid = verify("sha512", signed.payload, options.publicKey, signed.signature);
  } catch {
    // A signature of the wrong length for the key makes OpenSSL throw: it does not verify either.
    valid = false;
  }
  if (!valid) {
    throw new PkgdiffError("upstream", `${what} was refused: its signature does not verify with the configured HEX_REPO_PUBLIC_KEY`);
  }
  return signed.payload;
}

function gunzipBounded(body: Uint8Array, what: string, maxBytes: number): Uint8Array {
  try {
    return gunzipSync(body, { maxOutputLength: maxBytes });
  } catch (error) {
    if (error instanceof RangeError || (error instanceof Error && "code" in error && error.code === "ERR_BUFFER_TOO_LARGE")) {
      throw new PkgdiffError("too_large", `${what} inflates to more than ${formatBytes(maxBytes)}`, {}, { cause: error });
    }
    throw new PkgdiffError("upstream", `${what} is not valid gzip data`, {}, { cause: error });
  }
}

function checkRepository(found: string, what: string, options: SignedResourceOptions): void {
  if (found !== options.repository) {
    throw new PkgdiffError(
      "upstream",
      `${what} was refused: its payload is for repository ${quote(found)}, not ${quote(options.repository)}`,
    );
  }
}

/** Names from a payload are untrusted text: quoted, and cut short. */
function quote(text: string): string {
  return JSON.stringify(text.length > 100 ? `${text.slice(0, 100)}…` : text);
}
