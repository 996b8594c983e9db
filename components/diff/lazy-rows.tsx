"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { fetchJson } from "@/components/fetch-json";
import { LoadFailed } from "@/components/load-failed";
import { revealLineHash } from "./line-anchor";

interface Slice {
  html: string;
  start: number;
  end: number;
  totalRows: number;
}

interface Props {
  /** `fileSliceUrl(...)`: the slice endpoint for this file. */
  src: string;
  /** The file's anchor id; a URL hash inside it loads the rows at once. */
  anchor: string;
  start: number;
  totalRows: number;
  /** "scroll": loads when scrolled near; "click": waits for the button (or a hash inside the file). */
  trigger: "scroll" | "click";
  label: string;
}

function fetchSlice(src: string, start: number): Promise<Slice> {
  return fetchJson<Slice>(`${src}&start=${start}`);
}

function hashTargets(rawHash: string, anchor: string): boolean {
  let hash: string;
  try {
    hash = decodeURIComponent(rawHash.slice(1));
  } catch {
    return false; // a malformed hash points nowhere (and must not break rendering)
  }
  return hash === anchor || hash.startsWith(`${anchor}-`);
}

function subscribeHash(onChange: () => void): () => void {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}


/**
 * Rows of a file's diff that the first response left out: fetched when
 * scrolled near or clicked (or at once when the URL's hash points into the
 * file), then rendered, chaining to the next slice until the file is whole.
 * Until then it is a button, and no query exists for it: a huge diff's page
 * renders hundreds of these on the server, where their queries together
 * cost ~40 ms of its first render.
 */
export function LazyRows({ src, anchor, start, totalRows, trigger, label }: Props) {
  const [requested, setRequested] = useState(false);
  const placeholder = useRef<HTMLDivElement>(null);
  // The server renders no hash; on the client a hash inside this file asks for the rows at once.
  const hash = useSyncExternalStore(subscribeHash, () => window.location.hash, () => "");
  // Rows already loaded once on this page (the query client keeps them) show again at once.
  const loaded = useQueryClient().getQueryData(sliceKey(src, start)) !== undefined;
  const enabled = requested || loaded || hashTargets(hash, anchor);
  // Once asked for, it stays asked for: its rows still show if the hash moves elsewhere before they arrive.
  if (enabled && !requested) setRequested(true);

  useEffect(() => {
    if (trigger !== "scroll" || enabled || !placeholder.current) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setRequested(true), {
      rootMargin: "1200px 0px",
    });
    observer.observe(placeholder.current);
    return () => observer.disconnect();
  }, [trigger, enabled]);

  if (enabled) return <LoadedRows src={src} anchor={anchor} start={start} totalRows={totalRows} />;
  return (
    <div ref={placeholder} className="lazy-rows" data-testid="lazy-rows">
      <button type="button" onClick={() => setRequested(true)}>
        {label}
      </button>
    </div>
  );
}

function sliceKey(src: string, start: number): readonly unknown[] {
  return ["slice", src, start];
}

/** LazyRows once asked for: the slice's query, then its rows (and the next slice's LazyRows). */
function LoadedRows({ src, anchor, start, totalRows }: Pick<Props, "src" | "anchor" | "start" | "totalRows">) {
  const query = useQuery({ queryKey: sliceKey(src, start), queryFn: () => fetchSlice(src, start) });

  useEffect(() => {
    if (query.data && hashTargets(window.location.hash, anchor)) revealLineHash();
  }, [query.data, anchor]);

  if (query.data) {
    return (
      <>
        <div className="diff-body" dangerouslySetInnerHTML={{ __html: query.data.html }} />
        {query.data.end < query.data.totalRows && (
          <LazyRows src={src} anchor={anchor} start={query.data.end} totalRows={totalRows} trigger="click" label={`Show the remaining ${query.data.totalRows - query.data.end} lines`} />
        )}
      </>
    );
  }
  return (
    <div className="lazy-rows" data-testid="lazy-rows">
      {query.isError ? (
        <LoadFailed message={query.error.message} onRetry={() => query.refetch()} />
      ) : (
        <button type="button" disabled aria-busy>
          Loading…
        </button>
      )}
    </div>
  );
}
