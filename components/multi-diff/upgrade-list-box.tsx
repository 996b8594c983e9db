"use client";

import { useEffect, useId, useMemo, useRef, useState } from "react";
import type { SearchEcosystem } from "@/lib/search/api-types";
import { diffsHrefs, MAX_DIFFS_ENTRIES } from "@/lib/upgrades/diffs-url.mjs";
import { parseUpgradeList, type UpgradeList } from "@/lib/upgrades/upgrade-list.mjs";

const FORMAT_LABEL: Record<UpgradeList["format"], string> = {
  "npm-outdated": "npm outdated --json",
  "pnpm-outdated": "pnpm outdated --format json",
  "lockfile-diff": "a package-lock.json diff",
  lines: "name from to lines",
  invalid: "nothing readable",
  empty: "",
};

/**
 * "Compare an upgrade list": paste `npm outdated --json`, `pnpm outdated
 * --format json`, a package-lock.json diff or `name from to` lines; it is
 * read here in the browser (lib/upgrades/upgrade-list.mjs), says what it
 * understood and what it skipped, and links to `/diffs` with every upgrade
 * (pages of 50). `ecosystems` are those the server serves: each prefixed
 * one is named with its `id:` form.
 */
export function UpgradeListBox({ ecosystems }: { ecosystems: readonly Pick<SearchEcosystem, "id" | "label" | "urlPrefix">[] }) {
  const [text, setText] = useState("");
  const list = useMemo(() => parseUpgradeList(text), [text]);
  const pages = diffsHrefs(list.upgrades);
  const id = useId();
  const count = list.upgrades.length;
  const root = useRef<HTMLElement>(null);
  const prefixed = ecosystems.filter((e) => e.urlPrefix !== "");
  // Says "typing is read now" (hydrated), for people reading the DOM and for tests.
  useEffect(() => root.current?.setAttribute("data-ready", ""), []);
  return (
    <section ref={root} className="upgrade-box" aria-labelledby={`${id}-title`} data-testid="upgrade-box">
      <h2 id={`${id}-title`}>Compare an upgrade list</h2>
      <label htmlFor={`${id}-input`} className="muted">
        Paste <code>npm outdated --json</code>, <code>pnpm outdated --format json</code>, a <code>package-lock.json</code> diff, or one{" "}
        <code>name from to</code> per line
        {prefixed.length > 0 && (
          <>
            {" ("}
            {prefixed.map((e, i) => (
              <span key={e.id}>
                {i > 0 && ", "}
                <code>{e.id}:name</code> for {e.label}
              </span>
            ))}
            {")"}
          </>
        )}
        .
      </label>
      <textarea
        id={`${id}-input`}
        value={text}
        onChange={(event) => setText(event.target.value)}
        rows={6}
        spellCheck={false}
        placeholder={'{\n  "react": { "current": "18.2.0", "wanted": "18.3.1", "latest": "18.3.1", … }\n}'}
      />
      {list.format !== "empty" && (
        <div className="upgrade-result" role="status" data-testid="upgrade-result">
          <p>
            {count > 0 ? (
              <>
                <strong>
                  {count} {count === 1 ? "upgrade" : "upgrades"}
                </strong>{" "}
                from {FORMAT_LABEL[list.format]}
                {pages.length > 1 && ` (more than ${MAX_DIFFS_ENTRIES}: ${pages.length} pages)`}
              </>
            ) : (
              <>No upgrades found in {FORMAT_LABEL[list.format]}.</>
            )}
          </p>
          {pages.length > 0 && (
            <p className="upgrade-open">
              {pages.map((href, i) => (
                <a key={href} className="button primary" href={href}>
                  {pages.length === 1
                    ? `Open ${count === 1 ? "the diff" : `the ${count} diffs`}`
                    : `Open ${i * MAX_DIFFS_ENTRIES + 1}–${Math.min(count, (i + 1) * MAX_DIFFS_ENTRIES)}`}
                </a>
              ))}
            </p>
          )}
          {list.skipped.length > 0 && (
            <details className="upgrade-skipped" open={count === 0}>
              <summary>Skipped {list.skipped.length}</summary>
              <ul data-testid="upgrade-skipped">
                {list.skipped.map((s, i) => (
                  <li key={i}>
                    <code>{s.what}</code>: {s.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </section>
  );
}
