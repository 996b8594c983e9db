"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect } from "react";

const VIEW_KEY = "pkgdiff-view";
interface ScrollSpot {
  path: string;
  fileId: string;
  offset: number;
  /** Keep restoring until then: sections stream in and change height after a toggle. */
  until: number;
}

/**
 * After a toggle, keeps the reader's spot in place while the new view
 * arrives and its sections stream in (changing heights), until the reader
 * scrolls on their own or a few seconds pass. Runs outside React's
 * lifecycle: the toggle may remount this component mid-navigation.
 */
function holdSpot(spot: ScrollSpot, href: string) {
  const target = new URL(href, window.location.href);
  const timer = window.setInterval(() => {
    if (Date.now() > spot.until) return stop();
    if (window.location.search !== target.search) return; // the new view has not arrived yet
    const section = document.getElementById(spot.fileId);
    // A section still hidden by the pending navigation measures as zero: wait for the shown one.
    const rect = section?.getBoundingClientRect();
    if (rect && rect.height > 0) window.scrollTo({ top: rect.top + window.scrollY + spot.offset });
  }, 50);
  const events = ["wheel", "touchstart", "keydown"] as const;
  function stop() {
    window.clearInterval(timer);
    events.forEach((e) => window.removeEventListener(e, stop));
  }
  events.forEach((e) => window.addEventListener(e, stop, { passive: true }));
}

/** The file section at the top of the viewport and how far into it we are. */
function currentSpot(path: string): ScrollSpot | undefined {
  for (const section of document.querySelectorAll<HTMLElement>("section.file[id]")) {
    const rect = section.getBoundingClientRect();
    if (rect.bottom > 0) return { path, fileId: section.id, offset: -rect.top, until: Date.now() + 5_000 };
  }
  return undefined;
}

/**
 * Unified/split and ignore-whitespace toggles. Both are part of the
 * permalink (`view=split`, `w=1`); switching keeps the reader's place, and the
 * view choice is remembered for the next visit.
 */
export function ViewControls({ view, ignoreWhitespace }: { view: "unified" | "split"; ignoreWhitespace: boolean }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();

  const hrefWith = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params.toString());
    if (value === undefined) next.delete(key);
    else next.set(key, value);
    const query = next.toString();
    return `${pathname}${query ? `?${query}` : ""}`;
  };

  // A remembered split view applies when the link did not say which view.
  useEffect(() => {
    if (params.get("view") === null && localStorage.getItem(VIEW_KEY) === "split") {
      router.replace(hrefWith("view", "split") + window.location.hash, { scroll: false });
    }
    // Only on arrival: later toggles set the view explicitly.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const go = (href: string) => (event: React.MouseEvent) => {
    event.preventDefault();
    const spot = currentSpot(pathname);
    router.push(href, { scroll: false });
    if (spot) holdSpot(spot, href);
  };

  return (
    <div className="view-controls" role="group" aria-label="Diff view">
      <span className="segmented">
        {(["unified", "split"] as const).map((v) => (
          <a
            key={v}
            href={hrefWith("view", v === "unified" ? undefined : v)}
            aria-current={view === v ? "true" : undefined}
            onClick={(e) => {
              localStorage.setItem(VIEW_KEY, v);
              go(hrefWith("view", v === "unified" ? "unified" : v))(e);
            }}
          >
            {v === "unified" ? "Unified" : "Split"}
          </a>
        ))}
      </span>
      <a
        href={hrefWith("w", ignoreWhitespace ? undefined : "1")}
        role="switch"
        aria-checked={ignoreWhitespace}
        className="switch"
        onClick={go(hrefWith("w", ignoreWhitespace ? undefined : "1"))}
      >
        {ignoreWhitespace ? "☑" : "☐"} Hide whitespace
      </a>
    </div>
  );
}
