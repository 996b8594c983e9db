/**
 * Folders of a package, derived from its file paths (tarballs list files;
 * folders are implied). Pure: used by the server for listings and lookups
 * and by the file tree in the browser, which gets the flat list.
 */
export interface FolderNode {
  /** Child folder paths, sorted. */
  folders: string[];
  /** Indexes into the path list of the files directly in this folder, sorted by name. */
  files: number[];
}

/**
 * Every folder of `paths` (sorted or not), the root being `""`.
 *
 * @example
 * indexFolders(["a/b.js", "c.js"]).get("") // → { folders: ["a"], files: [1] }
 */
export function indexFolders(paths: readonly string[]): Map<string, FolderNode> {
  const folders = new Map<string, FolderNode>([["", { folders: [], files: [] }]]);
  const ensure = (folder: string): FolderNode => {
    let node = folders.get(folder);
    if (node) return node;
    node = { folders: [], files: [] };
    folders.set(folder, node);
    const parent = parentOf(folder);
    ensure(parent).folders.push(folder);
    return node;
  };
  paths.forEach((path, index) => ensure(parentOf(path)).files.push(index));
  for (const node of folders.values()) {
    node.folders.sort(compareNames);
    node.files.sort((a, b) => compareNames(paths[a] ?? "", paths[b] ?? ""));
  }
  return folders;
}

/**
 * The folder a path is in (`""` at the root).
 *
 * @example
 * parentOf("lib/util/x.js") // → "lib/util"
 * parentOf("x.js") // → ""
 */
export function parentOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? "" : path.slice(0, slash);
}

/** The last segment of a path. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/**
 * The folders that contain `path`, outermost first (not `""`).
 *
 * @example
 * ancestorsOf("lib/util/x.js") // → ["lib", "lib/util"]
 */
export function ancestorsOf(path: string): string[] {
  const parts = path.split("/");
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join("/"));
  return out;
}

/**
 * Case-insensitive, then code-point order: deterministic (no locale), so the
 * server's listing and the browser's tree agree.
 */
export function compareNames(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
