"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { diffPath } from "@/lib/routes/diff-path";
import {
  fromOptions,
  optionLabel,
  type PickerData,
  pickerData,
  showPrereleasesInitially,
  toAfterFromChange,
  toOptions,
} from "@/lib/search/version-picker";
import { packagesQuery } from "./packages-query";
import { groupDigits } from "@/lib/format-count";

/** The `from` option that loads the older versions: a value no version has. */
const OLDER = "older versions";

/**
 * From/to selects and a Compare link to the canonical diff URL. The `to`
 * list offers only versions newer than `from`; prereleases are behind a
 * toggle unless a default is one. Keyed by package name by its callers.
 * `prefix` is the ecosystem's URL prefix ("" for npm).
 */
export function VersionPicker({ data: initial, prefix = "" }: { data: PickerData; prefix?: string }) {
  const id = useId();
  const [older, setOlder] = useState(false);
  // Every version of the package, for a picker that came with the newest only.
  const all = useQuery({ ...packagesQuery(prefix, initial.name), enabled: older, select: pickerData });
  const data = all.data ?? initial;
  const [showPre, setShowPre] = useState(() => showPrereleasesInitially(data));
  const [from, setFrom] = useState<string | undefined>(() => data.defaultFrom ?? data.versions.at(-1)?.version);
  const [to, setTo] = useState<string | undefined>(() => {
    const start = data.defaultFrom ?? data.versions.at(-1)?.version;
    return start === undefined ? undefined : toAfterFromChange(data, start, data.defaultTo, showPrereleasesInitially(data));
  });
  const prereleases = data.versions.filter((v) => v.prerelease).length;
  const froms = fromOptions(data, showPre, from);
  const tos = toOptions(data, from, showPre, to);
  const href = from !== undefined && to !== undefined ? diffPath(data.name, from, to, "html", prefix) : undefined;

  function chooseFrom(version: string) {
    if (version === OLDER) {
      if (all.isError) void all.refetch();
      return setOlder(true);
    }
    setFrom(version);
    setTo(toAfterFromChange(data, version, to, showPre));
  }

  function toggle(show: boolean) {
    setShowPre(show);
    if (from !== undefined) setTo(toAfterFromChange(data, from, to, show));
  }

  if (data.versions.length < 2) {
    return (
      <p className="picker-empty muted" data-testid="version-picker">
        {data.name} has {data.versions.length === 1 ? "only one version" : "no versions"}: there is nothing to compare yet.
      </p>
    );
  }
  return (
    <div className="picker" data-testid="version-picker">
      <label htmlFor={`${id}-from`}>From</label>
      <select id={`${id}-from`} name="from" value={from} onChange={(e) => chooseFrom(e.target.value)}>
        {froms.map((v) => (
          <option key={v.version} value={v.version} className={v.deprecated !== undefined ? "deprecated" : undefined}>
            {optionLabel(v)}
          </option>
        ))}
        {data.more !== undefined && (
          <option value={OLDER} disabled={older && !all.isError}>
            {older && !all.isError ? "Loading older versions…" : `Older versions… (${groupDigits(data.more)} more)`}
          </option>
        )}
      </select>
      <label htmlFor={`${id}-to`}>to</label>
      <select id={`${id}-to`} name="to" value={to ?? ""} onChange={(e) => setTo(e.target.value)} disabled={tos.length === 0}>
        {tos.length === 0 && <option value="">no newer version</option>}
        {tos.map((v) => (
          <option key={v.version} value={v.version}>
            {optionLabel(v)}
          </option>
        ))}
      </select>
      {href ? (
        <Link className="button primary" href={href} prefetch={false}>
          Compare
        </Link>
      ) : (
        <span className="button primary" aria-disabled="true" role="link">
          Compare
        </span>
      )}
      {prereleases > 0 && (
        <label className="picker-toggle">
          <input type="checkbox" name="show-prereleases" checked={showPre} onChange={(e) => toggle(e.target.checked)} /> Show prereleases (
          {prereleases})
        </label>
      )}
      {all.isError && (
        <span className="search-error" role="alert">
          {all.error.message}
        </span>
      )}
    </div>
  );
}
