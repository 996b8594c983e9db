import type { PackageEntry, PackageFile, PackageSpecialEntry, PackageTree } from "../tarball/types";
import { baseName, type FolderNode, indexFolders, parentOf } from "./folders";

/** A package's entries with their folders, built once per tree. */
interface PackageIndex {
  paths: string[];
  entries: PackageEntry[];
  folders: Map<string, FolderNode>;
  /** Bytes of all files under each folder. */
  folderBytes: Map<string, number>;
  /** Files under each folder, at any depth. */
  folderFiles: Map<string, number>;
}

// Trees are immutable and cached by the tarball store: index each once, and let it go with its tree.
const indexes = new WeakMap<PackageTree, PackageIndex>();

function packageIndex(tree: PackageTree): PackageIndex {
  let index = indexes.get(tree);
  if (index) return index;
  const entries = [...tree.entries.values()];
  const paths = entries.map((e) => e.path);
  const folders = indexFolders(paths);
  const folderBytes = new Map<string, number>();
  const folderFiles = new Map<string, number>();
  for (const entry of entries) {
    const size = entry.kind === "file" ? entry.bytes.length : 0;
    for (let folder = parentOf(entry.path); ; folder = parentOf(folder)) {
      folderBytes.set(folder, (folderBytes.get(folder) ?? 0) + size);
      folderFiles.set(folder, (folderFiles.get(folder) ?? 0) + 1);
      if (folder === "") break;
    }
  }
  index = { paths, entries, folders, folderBytes, folderFiles };
  indexes.set(tree, index);
  return index;
}

export type PathTarget =
  | { kind: "folder"; path: string }
  | { kind: "file"; path: string; file: PackageFile }
  | { kind: "special"; path: string; entry: PackageSpecialEntry }
  | { kind: "missing"; path: string };

/**
 * What `path` names in a package: a folder (`""` is the root), a file, a
 * symlink or other special entry (listed, never followed), or nothing.
 */
export function lookupPath(tree: PackageTree, path: string): PathTarget {
  const entry = tree.entries.get(path);
  if (entry?.kind === "file") return { kind: "file", path, file: entry };
  if (entry) return { kind: "special", path, entry };
  if (packageIndex(tree).folders.has(path)) return { kind: "folder", path };
  return { kind: "missing", path };
}

/**
 * Where the version switcher lands when `path` is not in the other version:
 * the path itself when it exists, else its nearest existing folder, else the root.
 *
 * @example
 * fallbackPath(tree, "lib/removed.js") // → "lib" (when lib/ still exists)
 */
export function fallbackPath(tree: PackageTree, path: string): string {
  if (lookupPath(tree, path).kind !== "missing") return path;
  const { folders } = packageIndex(tree);
  for (let folder = parentOf(path); folder !== ""; folder = parentOf(folder)) {
    if (folders.has(folder)) return folder;
  }
  return "";
}

const README = /^readme(\.(md|markdown|mdown|mkdn|txt|rst))?$/i;
const MARKDOWN_FIRST = /\.(md|markdown|mdown|mkdn)$/i;

/**
 * The file shown under a folder's listing: its README (Markdown preferred),
 * and at the root `package.json` when there is no README.
 */
export function defaultFile(tree: PackageTree, folder: string): PackageFile | undefined {
  const index = packageIndex(tree);
  const node = index.folders.get(folder);
  if (!node) return undefined;
  const files = node.files
    .map((i) => index.entries[i])
    .filter((e): e is PackageFile => e?.kind === "file");
  const readmes = files.filter((f) => README.test(baseName(f.path)));
  const readme = readmes.find((f) => MARKDOWN_FIRST.test(f.path)) ?? readmes[0];
  if (readme) return readme;
  return folder === "" ? files.find((f) => f.path === "package.json") : undefined;
}

export interface FolderListing {
  path: string;
  folders: { path: string; name: string; bytes: number; files: number }[];
  files: { path: string; name: string; size: number; kind: PackageEntry["kind"]; executable: boolean; linkTarget?: string }[];
}

/** The folders and files directly in `folder`, folders first, each sorted by name. */
export function listFolder(tree: PackageTree, folder: string): FolderListing {
  const index = packageIndex(tree);
  const node = index.folders.get(folder) ?? { folders: [], files: [] };
  return {
    path: folder,
    folders: node.folders.map((path) => ({
      path,
      name: baseName(path),
      bytes: index.folderBytes.get(path) ?? 0,
      files: index.folderFiles.get(path) ?? 0,
    })),
    files: node.files.flatMap((i) => {
      const entry = index.entries[i];
      if (!entry) return [];
      return [
        {
          path: entry.path,
          name: baseName(entry.path),
          size: entry.kind === "file" ? entry.bytes.length : 0,
          kind: entry.kind,
          executable: entry.kind === "file" && (entry.mode & 0o111) !== 0,
          linkTarget: entry.kind === "file" ? undefined : entry.linkTarget,
        },
      ];
    }),
  };
}

/**
 * The whole file list in the compact shape the browser's tree and finder
 * take: paths, and sizes in the same order (`-1` for links and other
 * special entries).
 */
export interface FileList {
  paths: string[];
  sizes: number[];
}

export function fileListOf(tree: PackageTree): FileList {
  const { entries, paths } = packageIndex(tree);
  return { paths, sizes: entries.map((e) => (e.kind === "file" ? e.bytes.length : -1)) };
}

/** Bytes and file count of everything under `folder` (`""`: the whole package). */
export function folderTotals(tree: PackageTree, folder: string): { bytes: number; files: number } {
  const index = packageIndex(tree);
  return { bytes: index.folderBytes.get(folder) ?? 0, files: index.folderFiles.get(folder) ?? 0 };
}
