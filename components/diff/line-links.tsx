"use client";

import { useEffect } from "react";
import { hashForClick, parseLineHash, pointForCell, revealLineHash } from "./line-anchor";

/**
 * Makes line numbers links: a click sets the URL hash (shift-click extends
 * it to a range); opening a URL with a line hash (now or on hashchange)
 * scrolls to the line and marks it. A file that streams in after this
 * mounted (a `/diffs` entry, a late section) is watched for until the
 * line is there; lines of lazily loaded rows are revealed by `LazyRows`
 * once they arrive.
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
    // Until the opened hash's line is in the page, each streamed-in chunk of DOM may bring it.
    const pending = new MutationObserver(() => {
      if (revealLineHash()) pending.disconnect();
    });
    const onHash = () => {
      pending.disconnect();
      revealLineHash();
    };
    document.addEventListener("click", onClick);
    window.addEventListener("hashchange", onHash);
    if (!revealLineHash() && parseLineHash(window.location.hash)) pending.observe(document.body, { childList: true, subtree: true });
    return () => {
      pending.disconnect();
      document.removeEventListener("click", onClick);
      window.removeEventListener("hashchange", onHash);
    };
  }, []);
  return null;
}
