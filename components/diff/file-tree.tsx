"use client";

import { useMemo, useState } from "react";
import { matchesPath } from "@/lib/paths/finder";
import { groupDigits } from "@/lib/format-count";
import { Counts } from "./status";

export interface TreeFile {
  path: string;
  oldPath?: string;
  status: string;
  additions: number;
  deletions: number;
  anchor: string;
}

interface Folder {
  name: string;
  folders: Map<string, Folder>;
  files: TreeFile[];
}

function buildTree(files: readonly TreeFile[]): Folder {
  const root: Folder = { name: "", folders: new Map(), files: [] };
  for (const file of files) {
    const parts = file.path.split("/");
    let folder = root;
    for (const part of parts.slice(0, -1)) {
      let next = folder.folders.get(part);
      if (!next) {
        next = { name: part, folders: new Map(), files: [] };
        folder.folders.set(part, next);
      }
      folder = next;
    }
    folder.files.push(file);
  }
  return root;
}

const STATUS_MARK: Record<string, string> = { added: "A", removed: "D", modified: "M", renamed: "R", binary: "B" };

/**
 * The changed files as a folder tree with status and +/- counts, and a
 * filter box (fuzzy on the path; `/` focuses it). Clicking a file jumps to it.
 */
export function FileTree({ files }: { files: TreeFile[] }) {
  const [query, setQuery] = useState("");
  const filtered = useMemo(() => (query ? files.filter((f) => matchesPath(query, f.path)) : files), [files, query]);
  const tree = useMemo(() => buildTree(filtered), [filtered]);
  return (
    <nav className="file-tree" aria-label="Changed files">
      <input
        type="search"
        className="tree-filter"
        placeholder="Filter files…  (/)"
        aria-label="Filter changed files"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        data-shortcut-focus
      />
      <p className="muted tree-count">
        {filtered.length === files.length ? `${groupDigits(files.length)} files` : `${groupDigits(filtered.length)} of ${groupDigits(files.length)} files`}
      </p>
      <FolderView folder={tree} depth={0} />
    </nav>
  );
}

function FolderView({ folder, depth }: { folder: Folder; depth: number }) {
  return (
    <ul role={depth === 0 ? "tree" : "group"} className="tree-list">
      {[...folder.folders.values()].map((sub) => (
        <FolderItem key={sub.name} folder={sub} depth={depth} />
      ))}
      {folder.files.map((file) => (
        <li key={file.path} role="treeitem" aria-selected={false} className="tree-file" style={{ paddingLeft: depth * 12 }}>
          <a href={`#${file.anchor}`} title={file.oldPath ? `${file.oldPath} → ${file.path}` : file.path}>
            <span className={`tree-status ${file.status}`} aria-label={file.status}>
              {STATUS_MARK[file.status] ?? "M"}
            </span>
            <span className="tree-name">{file.path.slice(file.path.lastIndexOf("/") + 1)}</span>
            <Counts file={file} className="tree-counts" />
          </a>
        </li>
      ))}
    </ul>
  );
}

function FolderItem({ folder, depth }: { folder: Folder; depth: number }) {
  const [open, setOpen] = useState(true);
  // Chains of single folders read as one path, as on GitHub.
  let shown = folder;
  let label = folder.name;
  while (shown.files.length === 0 && shown.folders.size === 1) {
    shown = [...shown.folders.values()][0]!;
    label += `/${shown.name}`;
  }
  return (
    <li role="treeitem" aria-expanded={open} aria-selected={false} className="tree-folder">
      <button type="button" onClick={() => setOpen(!open)} style={{ paddingLeft: depth * 12 }}>
        {open ? "▾" : "▸"} {label}
      </button>
      {open && <FolderView folder={shown} depth={depth + 1} />}
    </li>
  );
}
