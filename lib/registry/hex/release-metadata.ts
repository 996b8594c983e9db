import { PkgdiffError } from "../../errors";
import type { PackageTree } from "../../tarball/types";
import type { ReleaseMetadata } from "../ecosystem";
import { type HexMetadata, parseHexMetadata } from "./metadata";
import { HEX_METADATA_FILE } from "./tarball";

/**
 * `Ecosystem.releaseMetadata` for Hex: the release's metadata.config, which
 * the unpacked tree carries as hex_metadata.config (unpackHexTree puts it
 * there, where hex_core's unpack does), read as structured metadata. It
 * parsed when the tarball was unpacked, so a failure here means the tree
 * did not come from a Hex tarball: no metadata then, never an error.
 *
 * @example
 * hexReleaseMetadata(tree); // { description: "Arbitrary precision decimal arithmetic", licenses: ["Apache-2.0"], links: [...], facts: [...] }
 */
export function hexReleaseMetadata(tree: PackageTree): ReleaseMetadata | undefined {
  const metadata = hexMetadataOf(tree);
  return metadata && toReleaseMetadata(metadata);
}

/** The licenses a release declares, joined as the review's `license` field reads them (`Apache-2.0, MIT`). */
export function hexDeclaredLicense(tree: PackageTree): string | undefined {
  const licenses = hexMetadataOf(tree)?.licenses ?? [];
  return licenses.length > 0 ? licenses.join(", ") : undefined;
}

/** Hex's metadata fields in the generic shape: build tools and the Elixir requirement become labelled facts. */
function toReleaseMetadata(metadata: HexMetadata): ReleaseMetadata {
  const facts: ReleaseMetadata["facts"] = [];
  if (metadata.buildTools.length > 0) facts.push({ label: "Build tools", value: metadata.buildTools.join(", ") });
  if (metadata.elixir !== undefined) facts.push({ label: "Elixir", value: metadata.elixir });
  return {
    ...(metadata.description === undefined ? {} : { description: metadata.description }),
    licenses: metadata.licenses,
    links: metadata.links,
    facts,
  };
}

function hexMetadataOf(tree: PackageTree): HexMetadata | undefined {
  const entry = tree.entries.get(HEX_METADATA_FILE);
  if (entry?.kind !== "file") return undefined;
  try {
    return parseHexMetadata(entry.bytes);
  } catch (error) {
    if (error instanceof PkgdiffError) return undefined;
    throw error;
  }
}
