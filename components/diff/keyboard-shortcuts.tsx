"use client";

import { useEffect, useRef, useState } from "react";

const KEYS: [string, string][] = [
  ["j / k", "next / previous file"],
  ["n / p", "next / previous change"],
  ["/", "filter files"],
  ["?", "show these keys"],
];

/**
 * Scrolls to the next (or previous) element matching `selector`, relative to
 * where such an element sits once scrolled to: its scroll margin below the
 * sticky headers.
 */
function scrollToNext(selector: string, direction: 1 | -1) {
  const items = [...document.querySelectorAll<HTMLElement>(selector)];
  const offset = (el: HTMLElement) => el.getBoundingClientRect().top - (parseFloat(getComputedStyle(el).scrollMarginTop) || 0);
  const target = direction === 1 ? items.find((el) => offset(el) > 2) : items.findLast((el) => offset(el) < -2);
  target?.scrollIntoView({ block: "start" });
}

const FILES = "section.file";
const CHANGES = "section.file:not(.collapsed) tr.h";

/** The keys that scroll: what to scroll to, and which way. */
const MOVES: Record<string, { selector: string; direction: 1 | -1 } | undefined> = {
  j: { selector: FILES, direction: 1 },
  k: { selector: FILES, direction: -1 },
  n: { selector: CHANGES, direction: 1 },
  p: { selector: CHANGES, direction: -1 },
};

/** j/k between files, n/p between changes, / to filter, ? for help. Ignored while typing in a field. */
export function KeyboardShortcuts() {
  const [help, setHelp] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      const move = MOVES[event.key];
      if (move) scrollToNext(move.selector, move.direction);
      else if (event.key === "/") document.querySelector<HTMLInputElement>("[data-shortcut-focus]")?.focus();
      else if (event.key === "?") setHelp(true);
      else return;
      event.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    // Says "the shortcuts work now" (hydrated), for people reading the DOM and for tests.
    dialog.current?.setAttribute("data-ready", "");
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  useEffect(() => {
    if (help && dialog.current && !dialog.current.open) dialog.current.showModal();
  }, [help]);

  return (
    <dialog ref={dialog} className="keys-dialog" aria-labelledby="keys-title" onClose={() => setHelp(false)}>
      <h2 id="keys-title">Keyboard shortcuts</h2>
      <dl>
        {KEYS.map(([key, what]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog">
        <button type="submit">Close</button>
      </form>
    </dialog>
  );
}
