"use client";

import { useEffect } from "react";

const STEP = 20; // matches EXPAND_STEP in lib/render/diff-table-html.ts

interface Gap {
  o: number;
  n: number;
  c: number;
}

function readGap(row: HTMLElement): Gap {
  return { o: Number(row.dataset.o), n: Number(row.dataset.n), c: Number(row.dataset.c) };
}

function writeGap(row: HTMLElement, gap: Gap) {
  row.dataset.o = String(gap.o);
  row.dataset.n = String(gap.n);
  row.dataset.c = String(gap.c);
  for (const button of row.querySelectorAll<HTMLButtonElement>("button")) {
    if (button.dataset.x === "all") button.textContent = `↕ Show ${gap.c} unchanged ${gap.c === 1 ? "line" : "lines"}`;
    else if (gap.c <= STEP) button.remove();
  }
}

async function expand(button: HTMLButtonElement) {
  const row = button.closest<HTMLElement>("tr.g");
  const src = row?.closest<HTMLElement>("section.file")?.dataset.context;
  if (!row || !src) return;
  const gap = readGap(row);
  const mode = button.dataset.x;
  const take = mode === "all" ? gap.c : Math.min(STEP, gap.c);
  // "down": the lines right after the previous hunk; "up": those right before the next one.
  const from = mode === "up" ? { o: gap.o + gap.c - take, n: gap.n + gap.c - take } : { o: gap.o, n: gap.n };
  button.disabled = true;
  try {
    const response = await fetch(`${src}&o=${from.o}&n=${from.n}&c=${take}`);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const { html } = (await response.json()) as { html: string };
    const template = document.createElement("template");
    template.innerHTML = html;
    const rows = [...template.content.querySelectorAll("tbody > tr")];
    if (mode === "up") row.after(...rows);
    else row.before(...rows);
    const rest: Gap = mode === "up" ? { ...gap, c: gap.c - take } : { o: gap.o + take, n: gap.n + take, c: gap.c - take };
    if (rest.c <= 0) row.remove();
    else writeGap(row, rest);
  } catch {
    button.textContent = "Could not load the lines; try again";
  } finally {
    button.disabled = false;
  }
}

/** "Show more" between and after hunks: fills unchanged lines in from the versions' files on the server. */
export function ContextExpander() {
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const button = (event.target as Element | null)?.closest?.("tr.g button");
      if (button instanceof HTMLButtonElement) void expand(button);
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, []);
  return null;
}
