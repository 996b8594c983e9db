"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect } from "react";

const VIEW_KEY = "pkgdiff-view";
const RESTORE_KEY = "pkgdiff-restore-scroll";

interface ScrollSpot {
  path: string;
  fileId: string;
  offset: number;
}

/** The file section at the top of the viewport and how far into it we are. */
function currentSpot(path: string): ScrollSpot | undefined {
  for (const section of document.querySelectorAll<HTMLElement>("section.file[id]")) {
    const rect = section.getBoundingClientRect();
    if (rect.bottom > 0) return { path, fileId: section.id, offset: -rect.top };
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

  // After a toggle, put the reader back where they were.
  useEffect(() => {
    const raw = sessionStorage.getItem(RESTORE_KEY);
    if (!raw) return;
    sessionStorage.removeItem(RESTORE_KEY);
    const spot = JSON.parse(raw) as ScrollSpot;
    if (spot.path !== pathname) return;
    // Sections stream in and change height as they arrive: keep the spot in place for a few
    // seconds, until the reader scrolls on their own.
    const restore = () => {
      const section = document.getElementById(spot.fileId);
      if (section) window.scrollTo({ top: section.getBoundingClientRect().top + window.scrollY + spot.offset });
    };
    const timer = window.setInterval(restore, 100);
    const stop = () => window.clearInterval(timer);
    const giveUp = window.setTimeout(stop, 5_000);
    const events = ["wheel", "touchstart", "keydown", "mousedown"] as const;
    events.forEach((e) => window.addEventListener(e, stop, { once: true, passive: true }));
    restore();
    return () => {
      stop();
      window.clearTimeout(giveUp);
      events.forEach((e) => window.removeEventListener(e, stop));
    };
  }, [view, ignoreWhitespace, pathname]);

  const go = (href: string) => (event: React.MouseEvent) => {
    event.preventDefault();
    const spot = currentSpot(pathname);
    if (spot) sessionStorage.setItem(RESTORE_KEY, JSON.stringify(spot));
    router.push(href, { scroll: false });
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
