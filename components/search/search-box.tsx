"use client";

import { useEffect, useId, useMemo, useRef, useState } from "react";
import type { SearchEcosystem } from "@/lib/search/api-types";
import { asTypedName } from "@/lib/search/names";
import { mergeOptions, optionKey, type SearchOption } from "@/lib/search/options";
import { parseScopedQuery } from "@/lib/search/query";
import { MarkedName } from "./marked-name";
import { PackagePicker } from "./package-picker";
import { useRemoteSearch } from "./use-remote-search";
import { useSearchIndex } from "./use-search-index";

const LOCAL_RESULTS = 8;
const URL_DELAY_MS = 300;

interface Props {
  /** The content-hashed index asset (`/api/v1/search/index/<hash>`), or null when the server has none. */
  indexPath: string | null;
  /** From `?q=`, so a shared search opens as it was. */
  initialQuery: string;
  /** The ecosystems searched, the unprefixed one first (it reads text without a `hex:`-style prefix). */
  ecosystems: SearchEcosystem[];
}

/** A package chosen in the list (or typed and entered). */
interface Picked {
  ecosystem: SearchEcosystem;
  name: string;
}

/**
 * "Search packages, e.g. react or hex:decimal": the unprefixed ecosystem's
 * first example, then each other one's with its prefix; one ecosystem
 * alone shows two of its own ("react or @babel/core").
 */
function placeholderFor(ecosystems: readonly SearchEcosystem[]): string {
  const [first, ...others] = ecosystems;
  const examples =
    others.length > 0
      ? [first?.examples[0], ...others.map((e) => (e.examples[0] === undefined ? undefined : `${e.id}:${e.examples[0]}`))]
      : (first?.examples.slice(0, 2) ?? []);
  const shown = examples.filter((example) => example !== undefined);
  return shown.length > 0 ? `Search packages, e.g. ${shown.join(" or ")}` : "Search packages";
}

/**
 * The home page's package search: an ARIA combobox (WAI-ARIA APG "list
 * autocomplete") over the local index, with the registry's check and search
 * filling in below. Each row says its ecosystem; `hex:` (or `npm:`) narrows
 * the search to one. Choosing a package opens its version pickers.
 */
export function SearchBox({ indexPath, initialQuery, ecosystems }: Props) {
  const id = useId();
  const listId = `${id}-list`;
  const inputRef = useRef<HTMLInputElement>(null);
  const urlTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [text, setText] = useState(initialQuery);
  const [open, setOpen] = useState(initialQuery !== "");
  const [picked, setPicked] = useState<Picked | null>(null);
  // The active row, by key, for the text it was chosen for: new text starts at the first row,
  // and results that fill in later (the registry's) do not move the highlight to another package.
  const [active, setActive] = useState<{ text: string; key: string | null }>({ text: initialQuery, key: null });

  const ids = useMemo(() => ecosystems.map((e) => e.id), [ecosystems]);
  const scoped = useMemo(() => parseScopedQuery(text, ids), [text, ids]);
  // The ecosystem a typed name is read in: the prefix's, else the unprefixed one.
  const typedIn = ecosystems.find((e) => e.id === scoped.ecosystem) ?? ecosystems[0];
  const { searcher, failed } = useSearchIndex(indexPath);
  const remote = useRemoteSearch(text, (typed) => {
    const query = parseScopedQuery(typed, ids);
    const name = asTypedName(query.text);
    const id = query.ecosystem ?? ids[0];
    return name !== undefined && id !== undefined && !(searcher?.has(id, name) ?? false);
  });
  const local = useMemo(() => (searcher ? searcher.search(scoped.text, LOCAL_RESULTS, scoped.ecosystem) : []), [searcher, scoped]);
  const options = useMemo(() => mergeOptions(local, remote.answer, scoped.text), [local, remote.answer, scoped.text]);
  const activeIndex = active.text === text ? Math.max(0, options.findIndex((o) => optionKey(o) === active.key)) : 0;
  const activate = (index: number) => setActive({ text, key: options[index] ? optionKey(options[index]) : null });
  const ecosystemOf = (id: string) => ecosystems.find((e) => e.id === id);
  const labelled = ecosystems.length > 1;
  const expanded = open && text.trim() !== "" && options.length > 0;
  const optionId = (i: number) => `${id}-option-${i}`;

  // "/" focuses the search from anywhere on the page, unless the user is typing elsewhere.
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target;
      if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      event.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  // While typing, the URL follows after a pause; a choice writes it at once, so no late write can
  // land in the middle of the navigation the user starts next (it would cancel Next's navigation).
  function syncUrl(value: string, delayMs = URL_DELAY_MS) {
    clearTimeout(urlTimer.current);
    const write = () => {
      const q = value.trim();
      window.history.replaceState(window.history.state, "", q ? `/?q=${encodeURIComponent(q)}` : "/");
    };
    if (delayMs === 0) write();
    else urlTimer.current = setTimeout(write, delayMs);
  }

  // A pending write must not outlive the page it belongs to.
  useEffect(() => () => clearTimeout(urlTimer.current), []);

  function type(value: string) {
    setText(value);
    setActive({ text: value, key: null });
    setOpen(true);
    syncUrl(value);
  }

  function choose(ecosystem: SearchEcosystem | undefined, name: string) {
    if (!ecosystem) return;
    // The text keeps the prefix when the package is not of the unprefixed ecosystem, so `?q=` reopens it.
    const shown = ecosystem === ecosystems[0] ? name : `${ecosystem.id}:${name}`;
    setText(shown);
    setOpen(false);
    setPicked({ ecosystem, name });
    syncUrl(shown, 0);
  }

  function chooseOption(option: SearchOption) {
    choose(ecosystemOf(option.ecosystem), option.name);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    const count = options.length;
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        event.preventDefault();
        if (!expanded) {
          setOpen(true);
          activate(event.key === "ArrowDown" ? 0 : Math.max(0, count - 1));
          return;
        }
        const step = event.key === "ArrowDown" ? 1 : -1;
        if (count > 0) activate((activeIndex + step + count) % count);
        return;
      }
      case "Enter": {
        const option = expanded ? options[activeIndex] : undefined;
        const typed = asTypedName(scoped.text);
        if (option) chooseOption(option);
        else if (typed) choose(typedIn, typed);
        event.preventDefault();
        return;
      }
      case "Escape":
        event.preventDefault();
        if (expanded) setOpen(false);
        else type("");
        return;
    }
  }

  return (
    <div className="search">
      <div className="search-field">
        <label htmlFor={`${id}-input`} className="visually-hidden">
          Search {ecosystems.map((e) => e.label).join(" and ")} packages
        </label>
        <input
          ref={inputRef}
          id={`${id}-input`}
          type="search"
          role="combobox"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={expanded ? optionId(activeIndex) : undefined}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          placeholder={placeholderFor(ecosystems)}
          value={text}
          onChange={(e) => type(e.target.value)}
          onKeyDown={onKeyDown}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
        />
        <kbd className="search-key" aria-hidden="true">
          /
        </kbd>
        <ul id={listId} role="listbox" aria-label="Packages" className="search-list" hidden={!expanded}>
          {expanded &&
            options.map((option, i) => (
              <li
                key={optionKey(option)}
                id={optionId(i)}
                role="option"
                aria-selected={i === activeIndex}
                className={`search-option source-${option.source}${option.source === "registry" && options[i - 1]?.source !== "registry" ? " first-remote" : ""}`}
                onMouseDown={(e) => e.preventDefault()}
                onMouseMove={() => i !== activeIndex && activate(i)}
                onClick={() => chooseOption(option)}
              >
                <MarkedName name={option.name} marks={option.marks} />
                {labelled && (
                  <span className="search-ecosystem" data-ecosystem={option.ecosystem}>
                    {ecosystemOf(option.ecosystem)?.label ?? option.ecosystem}
                  </span>
                )}
                {option.version && <span className="search-version">{option.version}</span>}
                {option.source === "check" && <span className="search-hint">found in the registry</span>}
                {option.description && <span className="search-description">{option.description}</span>}
              </li>
            ))}
        </ul>
      </div>
      <p className="search-status muted" aria-live="polite" data-testid="search-status">
        {status(scoped.text, options.length, remote, failed, searcher !== undefined || indexPath === null, typedIn)}
      </p>
      {picked && <PackagePicker key={`${picked.ecosystem.id}:${picked.name}`} ecosystem={picked.ecosystem} name={picked.name} />}
    </div>
  );
}

function status(
  text: string,
  count: number,
  remote: ReturnType<typeof useRemoteSearch>,
  failed: boolean,
  loaded: boolean,
  typedIn: SearchEcosystem | undefined,
): string {
  if (text.trim() === "") return failed ? "The search index did not load; searching the registry only." : "";
  if (remote.checking) return `Checking the ${typedIn ? `${typedIn.label} ` : ""}registry for ${text.trim()}…`;
  if (count === 0) {
    if (!loaded || remote.pending) return "Searching…";
    return `No package matches ${text.trim()}.`;
  }
  const registry = remote.answer?.registry.status === "failed" ? " The registry's search failed; showing the index only." : "";
  return `${count} ${count === 1 ? "package" : "packages"}.${registry}`;
}
