"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { browsePath } from "@/lib/browse/browse-path";
import { type FinderMatch, rankPaths } from "@/lib/paths/finder";
import type { PackageRef } from "./package-ref";

interface Props extends PackageRef {
  paths: string[];
}

const RESULTS = 50;

/** True when a key press is meant for a text field, not for the page's shortcuts. */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * GitHub's file finder: `t` opens it, typing ranks the package's paths
 * (see `rankPaths`), arrows move, Enter opens, Escape closes.
 */
export function FileFinder({ name, prefix = "", version, paths }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [selected, setSelected] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const matches = useMemo(() => (open ? rankPaths(query, paths, RESULTS) : []), [open, query, paths]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "t" || event.ctrlKey || event.metaKey || event.altKey || typingIn(event.target)) return;
      event.preventDefault();
      setOpen(true);
    };
    document.addEventListener("keydown", onKey);
    // Says "the shortcut works now" (hydrated), for people reading the DOM and for tests.
    opener.current?.setAttribute("data-ready", "");
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    setQuery("");
    setSelected(0);
  };
  const go = (match: FinderMatch | undefined) => {
    if (!match) return;
    close();
    router.push(browsePath(name, version, match.path, prefix));
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === "Escape") close();
    else if (event.key === "ArrowDown") setSelected((s) => Math.min(s + 1, matches.length - 1));
    else if (event.key === "ArrowUp") setSelected((s) => Math.max(s - 1, 0));
    else if (event.key === "Enter") go(matches[selected]);
    else return;
    event.preventDefault();
  };

  return (
    <>
      <button ref={opener} type="button" className="file-finder-open" onClick={() => setOpen(true)} data-testid="finder-open">
        Go to file <kbd>t</kbd>
      </button>
      {open && (
        <div className="file-finder-backdrop" onMouseDown={(event) => event.target === event.currentTarget && close()}>
          <div className="file-finder" role="dialog" aria-modal="true" aria-label="Find a file" data-testid="finder">
            <input
              ref={input}
              type="text"
              role="combobox"
              aria-expanded="true"
              aria-controls="finder-results"
              aria-activedescendant={matches[selected] ? `finder-${selected}` : undefined}
              placeholder={`Find a file in ${name}@${version}`}
              value={query}
              onChange={(event) => {
                setQuery(event.target.value);
                setSelected(0);
              }}
              onKeyDown={onKeyDown}
              spellCheck={false}
              autoComplete="off"
            />
            <ul id="finder-results" role="listbox" aria-label="Matching files">
              {matches.map((match, index) => (
                <li
                  key={match.path}
                  id={`finder-${index}`}
                  role="option"
                  aria-selected={index === selected}
                  onMouseEnter={() => setSelected(index)}
                  onMouseDown={(event) => {
                    event.preventDefault();
                    go(match);
                  }}
                >
                  <Highlighted match={match} />
                </li>
              ))}
              {matches.length === 0 && <li className="muted">No file matches.</li>}
            </ul>
          </div>
        </div>
      )}
    </>
  );
}

/** The path with its matched characters in `<mark>`. */
function Highlighted({ match }: { match: FinderMatch }) {
  const hits = new Set(match.positions);
  const parts: React.ReactNode[] = [];
  let run = "";
  let runHit = false;
  const flush = (key: number) => {
    if (run) parts.push(runHit ? <mark key={key}>{run}</mark> : <span key={key}>{run}</span>);
    run = "";
  };
  match.path.split("").forEach((ch, i) => {
    const hit = hits.has(i);
    if (hit !== runHit) {
      flush(i);
      runHit = hit;
    }
    run += ch;
  });
  flush(match.path.length);
  return <span className="mono">{parts}</span>;
}
