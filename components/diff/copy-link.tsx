"use client";

import { useEffect, useState } from "react";
import { parseLineHash } from "./line-anchor";

/**
 * The link "Copy link" copies: this diff's canonical URL (the page's own:
 * the proxy redirected anything else) with its permalink query, plus the
 * selected line or range when one is selected; other hashes are left out.
 *
 * @example
 * linkToCopy("http://localhost:3000/diff/react/18.2.0..18.3.1?view=split#file-index.js-R12") // the same URL
 * linkToCopy("http://localhost:3000/diff/react/18.2.0..18.3.1#top") // "http://localhost:3000/diff/react/18.2.0..18.3.1"
 */
export function linkToCopy(href: string): string {
  const url = new URL(href);
  if (!parseLineHash(url.hash)) url.hash = "";
  return url.href;
}

/** Where `navigator.clipboard` is missing (a page served over plain http): the older copy command. */
function copyWithSelection(text: string): boolean {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  try {
    return document.execCommand("copy");
  } finally {
    area.remove();
  }
}

// A fixed width: the header's other controls must not move when the label changes.
const LINK_STYLE = { font: "inherit", color: "var(--link)", background: "none", border: 0, padding: 0, cursor: "pointer", minWidth: "4.8em", textAlign: "right" } as const;

/** A "Copy link" button for the diff page's header; says "Copied" for a moment after a copy. */
export function CopyLink() {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = window.setTimeout(() => setState("idle"), 2000);
    return () => window.clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    const link = linkToCopy(window.location.href);
    try {
      if (navigator.clipboard) await navigator.clipboard.writeText(link);
      else if (!copyWithSelection(link)) throw new Error("copy refused");
      setState("copied");
    } catch {
      setState("failed");
    }
  };

  return (
    <button type="button" style={LINK_STYLE} onClick={() => void copy()} data-testid="copy-link" aria-live="polite" title="Copy this diff's link (with the selected lines)">
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : "Copy link"}
    </button>
  );
}
