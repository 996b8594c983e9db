"use client";

import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { browsePath } from "@/lib/browse/browse-path";
import { ancestorsOf, baseName, type FolderNode, indexFolders } from "@/lib/browse/folders";
import { formatBytes } from "@/lib/format-bytes";
import type { PackageRef } from "./package-ref";

interface Props extends PackageRef {
  /** Every entry's path (the whole list comes with the page, so folders open without a request). */
  paths: string[];
  /** Sizes in the same order; -1 for links and other special entries. */
  sizes: number[];
  /** The path shown by the page (`""`: the root). */
  current: string;
  currentIsFolder: boolean;
}

function openFor(current: string, isFolder: boolean): string[] {
  return isFolder && current !== "" ? [...ancestorsOf(current), current] : ancestorsOf(current);
}

/**
 * The package's file tree. The server renders it with the folders on the
 * way to the current path open; other folders open and close here, from
 * the file list that came with the page.
 */
export function FileTree({ name, prefix = "", version, paths, sizes, current, currentIsFolder }: Props) {
  const folders = useMemo(() => indexFolders(paths), [paths]);
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set(openFor(current, currentIsFolder)));
  // On navigation, also open the folders on the way to the new path (keeping what the user opened).
  const [shownFor, setShownFor] = useState(current);
  if (shownFor !== current) {
    setShownFor(current);
    setOpen((previous) => new Set([...previous, ...openFor(current, currentIsFolder)]));
  }
  const nav = useRef<HTMLElement>(null);

  // Bring the current file into the tree's own viewport (not the page's).
  useEffect(() => {
    const box = nav.current;
    const item = box?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!box || !item) return;
    const top = item.offsetTop - box.offsetTop;
    if (top < box.scrollTop || top > box.scrollTop + box.clientHeight - 40) box.scrollTop = top - box.clientHeight / 3;
  }, [current]);

  const toggle = (folder: string) =>
    setOpen((previous) => {
      const next = new Set(previous);
      if (next.has(folder)) next.delete(folder);
      else next.add(folder);
      return next;
    });

  const render = (node: FolderNode, depth: number): React.ReactNode => (
    <ul role={depth === 0 ? "tree" : "group"} aria-label={depth === 0 ? "Files" : undefined}>
      {node.folders.map((folder) => {
        const isOpen = open.has(folder);
        const child = folders.get(folder);
        return (
          <li key={folder} role="treeitem" aria-expanded={isOpen} aria-selected={false}>
            <button
              type="button"
              className="btree-row btree-folder"
              style={{ paddingLeft: 8 + depth * 14 }}
              onClick={() => toggle(folder)}
              aria-current={currentIsFolder && folder === current ? "page" : undefined}
              data-path={folder}
            >
              <span className="chevron" aria-hidden>
                {isOpen ? "▾" : "▸"}
              </span>
              {baseName(folder)}
            </button>
            {isOpen && child && render(child, depth + 1)}
          </li>
        );
      })}
      {node.files.map((index) => {
        const path = paths[index] ?? "";
        const size = sizes[index] ?? 0;
        return (
          <li key={path} role="treeitem" aria-selected={path === current}>
            <Link
              href={browsePath(name, version, path, prefix)}
              prefetch={false}
              className="btree-row btree-file"
              style={{ paddingLeft: 22 + depth * 14 }}
              aria-current={path === current ? "page" : undefined}
              data-path={path}
            >
              <span className="btree-name">{baseName(path)}</span>
              <span className="btree-size">{size < 0 ? "link" : formatBytes(size)}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );

  const root = folders.get("");
  return (
    <nav className="btree" ref={nav} data-testid="file-tree" aria-label="Files">
      {root && render(root, 0)}
    </nav>
  );
}
