"use client";

import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { lineHash, type LineRange, parseLineHash, selectLine } from "@/lib/browse/line-hash";
import { sliceOf } from "@/lib/browse/slices";
import { fetchJson } from "@/components/fetch-json";
import { LoadFailed } from "@/components/load-failed";

/** Height of one code row; app/globals.css (`.code-view`) fixes rows to it so placeholders match. */
const LINE_PX = 20;

interface Props {
  /** The lines endpoint of this file (`linesPath`, maybe with `?pretty=1`). */
  src: string;
  lineCount: number;
  /** First line index of every slice; the first slice is `children`, rendered by the server. */
  starts: number[];
  children: React.ReactNode;
}

interface Lines {
  start: number;
  end: number;
  html: string;
}

function fetchLines(src: string, start: number, signal: AbortSignal): Promise<Lines> {
  return fetchJson<Lines>(`${src}${src.includes("?") ? "&" : "?"}start=${start}`, signal);
}

/**
 * A file's lines with line links. The server renders the first slice; the
 * others are fixed-height placeholders (so the scrollbar spans the whole
 * file) that load when they come near the viewport and unload when they
 * leave it, so a 200,000-line file keeps a few thousand rows in the page.
 * `#L12` / `#L12-L20` marks lines and scrolls to them, loading the slice
 * that holds them first; clicking a line number links it, shift-click
 * extends the range.
 */
export function CodeView({ src, lineCount, starts, children }: Props) {
  const root = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState<ReadonlySet<number>>(() => new Set());
  /** The slice holding the linked line: loaded whatever the scroll position. */
  const [pinned, setPinned] = useState<number | undefined>(undefined);
  const marked = useRef<LineRange | undefined>(undefined);
  /** The line still to be scrolled to once its row exists. */
  const pendingScroll = useRef<number | undefined>(undefined);
  /** The line a shift-click extends from. */
  const anchor = useRef<number | undefined>(undefined);
  /** Measured heights of slices that were shown, for their placeholders (rows are fixed-height; this covers odd fonts). */
  const [heights, setHeights] = useState<ReadonlyMap<number, number>>(() => new Map());

  /** Marks the rows of the selected range that are in the page, and scrolls to a pending target. */
  const mark = useCallback(() => {
    const el = root.current;
    if (!el) return;
    for (const row of el.querySelectorAll("tr.marked")) row.classList.remove("marked");
    const range = marked.current;
    if (range) {
      for (const cell of el.querySelectorAll<HTMLElement>("td[data-n]")) {
        const n = Number(cell.dataset.n);
        if (n >= range.first && n <= range.last) cell.parentElement?.classList.add("marked");
      }
    }
    const target = pendingScroll.current;
    if (target === undefined) return;
    const cell = el.querySelector<HTMLElement>(`td[data-n="${target}"]`);
    if (cell) {
      pendingScroll.current = undefined;
      cell.scrollIntoView({ block: "center" });
      return;
    }
    // Not loaded yet: scroll to where it will be (placeholders have the slice's height).
    const slice = sliceOf(starts, lineCount, target - 1);
    const holder = slice && el.querySelector<HTMLElement>(`[data-slice="${slice.start}"]`);
    if (holder && slice) {
      const top = holder.getBoundingClientRect().top + window.scrollY + (target - 1 - slice.start) * LINE_PX;
      window.scrollTo({ top: Math.max(0, top - window.innerHeight / 2) });
    }
  }, [starts, lineCount]);

  // Follow the URL's line hash: now, and whenever it changes.
  useEffect(() => {
    const follow = () => {
      const range = parseLineHash(window.location.hash);
      if (!range || range.first > lineCount) {
        marked.current = undefined;
        mark();
        return;
      }
      marked.current = { first: range.first, last: Math.min(range.last, lineCount) };
      anchor.current = range.first;
      pendingScroll.current = range.first;
      const slice = sliceOf(starts, lineCount, range.first - 1);
      setPinned(slice && slice.start > 0 ? slice.start : undefined);
      mark();
    };
    follow();
    window.addEventListener("hashchange", follow);
    root.current?.setAttribute("data-ready", ""); // line links work from here on (tests wait for it)
    return () => window.removeEventListener("hashchange", follow);
  }, [starts, lineCount, mark]);

  // Load slices that come within a few screens of the viewport; drop those that leave.
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    const observer = new IntersectionObserver(
      (entries) =>
        setNear((previous) => {
          const next = new Set(previous);
          for (const entry of entries) {
            const start = Number((entry.target as HTMLElement).dataset.slice);
            if (entry.isIntersecting) next.add(start);
            else next.delete(start);
          }
          return next;
        }),
      { rootMargin: "1500px 0px" },
    );
    for (const holder of el.querySelectorAll("[data-lazy]")) observer.observe(holder);
    return () => observer.disconnect();
  }, [starts]);

  const onClick = (event: React.MouseEvent<HTMLDivElement>) => {
    const cell = (event.target as Element).closest?.("td[data-n]");
    if (!(cell instanceof HTMLElement)) return;
    const line = Number(cell.dataset.n);
    const range = selectLine(anchor.current, line, event.shiftKey);
    if (!event.shiftKey) anchor.current = line;
    marked.current = range;
    // replaceState: the hash changes without a jump (no hashchange, so no scroll) and without history spam.
    window.history.replaceState(window.history.state, "", `#${lineHash(range)}`);
    mark();
  };

  const onShown = useCallback(
    (start: number, height: number) => {
      setHeights((previous) => (previous.get(start) === height ? previous : new Map(previous).set(start, height)));
      mark();
    },
    [mark],
  );

  return (
    <div className="code-view" ref={root} onClick={onClick} style={{ "--digits": String(lineCount).length } as React.CSSProperties}>
      {children}
      {starts.slice(1).map((start, k) => {
        const end = starts[k + 2] ?? lineCount;
        return (
          <LazySlice
            key={start}
            src={src}
            start={start}
            end={end}
            active={near.has(start) || pinned === start}
            height={heights.get(start) ?? (end - start) * LINE_PX}
            onShown={onShown}
          />
        );
      })}
    </div>
  );
}

interface SliceProps {
  src: string;
  start: number;
  end: number;
  active: boolean;
  height: number;
  onShown: (start: number, height: number) => void;
}

function LazySlice({ src, start, end, active, height, onShown }: SliceProps) {
  return (
    <div data-slice={start} data-lazy="" className={active ? undefined : "slice-pending"} style={active ? { minHeight: height } : { height }}>
      {active ? <SliceBody src={src} start={start} end={end} onShown={onShown} /> : null}
    </div>
  );
}

/** Mounted only while the slice is wanted: leaving unmounts it, which frees its rows and cancels its fetch. */
function SliceBody({ src, start, end, onShown }: Omit<SliceProps, "active" | "height">) {
  const body = useRef<HTMLDivElement>(null);
  const query = useQuery({
    queryKey: ["lines", src, start],
    queryFn: ({ signal }) => fetchLines(src, start, signal),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 5 * 60_000,
  });
  const html = query.data?.html;
  useEffect(() => {
    if (html !== undefined && body.current) onShown(start, body.current.offsetHeight);
  }, [html, start, onShown]);
  if (html !== undefined) return <div ref={body} dangerouslySetInnerHTML={{ __html: html }} />;
  return (
    <div className="slice-label">
      {query.isError ? (
        <LoadFailed message={query.error.message} onRetry={() => query.refetch()} />
      ) : (
        `Loading lines ${start + 1}–${end}…`
      )}
    </div>
  );
}
