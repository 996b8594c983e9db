"use client";

import { useEffect } from "react";
import { hashForClick, pointForCell, revealLineHash } from "./line-anchor";

/**
 * Makes line numbers links: a click sets the URL hash (shift-click extends
 * it to a range); opening a URL with a line hash (now or on hashchange)
 * scrolls to the line and marks it. Lines of lazily loaded rows are
 * revealed by `LazyRows` once they arrive.
 */
export function LineLinks() {
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const cell = (event.target as Element | null)?.closest?.("td[data-l], td[data-r]");
      const at = cell ? pointForCell(cell) : undefined;
      if (!at) return;
      event.preventDefault();
      const hash = hashForClick(at.fileId, at.point, event.shiftKey, window.location.hash);
      if (window.location.hash === `#${hash}`) revealLineHash();
      else window.location.hash = hash;
    };
    const onHash = () => revealLineHash();
    document.addEventListener("click", onClick);
    window.addEventListener("hashchange", onHash);
    revealLineHash();
    return () => {
      document.removeEventListener("click", onClick);
      window.removeEventListener("hashchange", onHash);
    };
  }, []);
  return null;
}
