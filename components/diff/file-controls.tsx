"use client";

import { useEffect, useRef, useState } from "react";

function viewedKey(diffId: string): string {
  return `pkgdiff-viewed:${diffId}`;
}

function readViewed(diffId: string): Set<string> {
  try {
    return new Set(JSON.parse(localStorage.getItem(viewedKey(diffId)) ?? "[]") as string[]);
  } catch {
    return new Set();
  }
}

/**
 * A file header's controls: collapse, and a "Viewed" checkbox that also
 * collapses the file and is remembered in this browser per diff.
 */
export function FileControls({ diffId, path }: { diffId: string; path: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  const [viewed, setViewed] = useState(false);
  const [collapsed, setCollapsed] = useState(false);

  useEffect(() => {
    if (readViewed(diffId).has(path)) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- local storage is only readable after hydration
      setViewed(true);
      setCollapsed(true);
    }
  }, [diffId, path]);

  useEffect(() => {
    ref.current?.closest("section.file")?.classList.toggle("collapsed", collapsed);
  }, [collapsed]);

  const toggleViewed = () => {
    const next = !viewed;
    const all = readViewed(diffId);
    if (next) all.add(path);
    else all.delete(path);
    localStorage.setItem(viewedKey(diffId), JSON.stringify([...all]));
    setViewed(next);
    setCollapsed(next);
  };

  return (
    <span ref={ref} className="file-controls">
      <label className="viewed">
        <input type="checkbox" checked={viewed} onChange={toggleViewed} /> Viewed
      </label>
      <button
        type="button"
        className="collapse"
        aria-expanded={!collapsed}
        aria-label={collapsed ? `Expand ${path}` : `Collapse ${path}`}
        onClick={() => setCollapsed(!collapsed)}
      >
        {collapsed ? "▸" : "▾"}
      </button>
    </span>
  );
}
