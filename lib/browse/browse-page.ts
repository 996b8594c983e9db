import "server-only";
import type { Ecosystem, ReleaseMetadata } from "../registry/ecosystem";
import type { PackageInfo } from "../registry/types";
import { pickerData, pickerSource } from "../search/version-picker";
import { getService } from "../service/instance";
import type { PackageFile } from "../tarball/types";
import { browsePath, parseBrowseSegments } from "./browse-path";
import { safeUrl } from "./markdown/urls";
import {
  defaultFile,
  fallbackPath,
  type FileList,
  fileListOf,
  type FolderListing,
  folderTotals,
  listFolder,
  lookupPath,
  type PathTarget,
} from "./package-files";
import { resolveBrowse } from "./resolve-browse";
import { versionKey } from "./text-view";

export interface VersionOption {
  version: string;
  /** Dist-tags pointing at this version (`latest`, `next`…). */
  tags: string[];
  deprecated: boolean;
}

/** Query options of a browse page; part of the permalink (and of its ETag). */
export interface BrowseOptions {
  /** `?plain=1`: Markdown as highlighted source, not rendered (GitHub's parameter). */
  plain: boolean;
  /** `?pretty=1`: a minified JS/JSON/CSS file laid out for reading. */
  pretty: boolean;
}

export interface BrowsePage {
  /** The ecosystem's URL prefix ("" for npm), for the page's links. */
  prefix: string;
  name: string;
  version: string;
  /** The path asked for (`""`: the root). */
  path: string;
  target: PathTarget;
  /** What the page lists: the folder asked for, or for a missing path its nearest existing folder. */
  listing?: FolderListing;
  /** Shown under a folder's listing: its README (at the root, else package.json). */
  readme?: PackageFile;
  /** Every file, for the tree and the finder. */
  files: FileList;
  totals: { bytes: number; files: number };
  /** Newest first. */
  versions: VersionOption[];
  /** The version "compare with previous" diffs against. */
  previous?: string;
  /** Names this file set for caches: registry, package and version. */
  cacheKey: string;
  /** What the release says about itself (Hex's metadata.config), links limited to http(s); absent when the ecosystem has none. */
  metadata?: ReleaseMetadata;
}

export type BrowsePageData = { kind: "redirect"; location: string } | { kind: "page"; page: BrowsePage };

/** Reads `?plain=1` and `?pretty=1`; other values and parameters are ignored. */
export function parseBrowseOptions(params: URLSearchParams): BrowseOptions {
  return { plain: params.get("plain") === "1", pretty: params.get("pretty") === "1" };
}

/**
 * Everything a `/browse/...` page and its layout render (query options
 * aside: see `parseBrowseOptions`). The proxy's gate resolved the URL and
 * fetched the tarball already (so failures got their status); here it
 * comes from the warm caches.
 */
export async function loadBrowsePage(ecosystem: Ecosystem, segments: readonly string[]): Promise<BrowsePageData> {
  const service = getService(ecosystem.id);
  const route = parseBrowseSegments(segments, ecosystem);
  const prefix = ecosystem.urlPrefix;
  const resolved = await resolveBrowse({
    source: service,
    getTree: (name, version) => service.getTree(name, version),
    route,
    params: new URLSearchParams(),
    pathFor: (name, version, path) => browsePath(name, version, path, prefix),
  });
  if (resolved.type === "redirect") return { kind: "redirect", location: resolved.location };
  const { name, version, path } = resolved;
  const [pkg, tree] = await Promise.all([service.getPackage(name), service.getTree(name, version)]);
  const target = lookupPath(tree, path);
  const listed = target.kind === "folder" ? path : target.kind === "missing" ? fallbackPath(tree, path) : undefined;
  return {
    kind: "page",
    page: {
      prefix,
      name,
      version,
      path,
      target,
      listing: listed === undefined ? undefined : listFolder(tree, listed),
      readme: target.kind === "folder" ? defaultFile(tree, path) : undefined,
      files: fileListOf(tree),
      totals: folderTotals(tree, ""),
      versions: versionOptions(pkg, version),
      previous: ecosystem.versions.previous(pkg, version),
      cacheKey: versionKey(pkg.registry, name, version),
      ...shownMetadata(ecosystem.releaseMetadata?.(tree)),
    },
  };
}

/** The release's metadata as a page may show it: links only where the README's URL policy would link (http(s)). */
function shownMetadata(metadata: ReleaseMetadata | undefined): { metadata?: ReleaseMetadata } {
  if (metadata === undefined) return {};
  const base = { name: "", version: "", folder: "" };
  const links = metadata.links.flatMap(({ name, url }) => {
    const safe = safeUrl(url, base);
    return safe?.kind === "external" ? [{ name, url: safe.href }] : [];
  });
  return { metadata: { ...metadata, links } };
}

/**
 * The versions the switcher and "Compare with…" offer, newest first: what
 * the version pickers offer (every stable version, the tagged prereleases and
 * the newest few of each release line) and the version shown. react has
 * 2,800 prereleases: listing them all made its browse pages 0.9 MB.
 */
function versionOptions(pkg: PackageInfo, current: string): VersionOption[] {
  // Every tagged version is offered, so the offered ones carry every tag.
  const offered = new Map(pickerData(pickerSource(pkg)).versions.map((v) => [v.version, v.tags]));
  return pkg.sortedVersions
    .filter((version) => offered.has(version) || version === current)
    .map((version) => ({
      version,
      tags: offered.get(version) ?? [],
      deprecated: Boolean(pkg.versions.get(version)?.deprecated),
    }));
}
