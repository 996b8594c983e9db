"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { fetchJson } from "@/components/fetch-json";
import { encodeName } from "@/lib/routes/diff-path";
import { parsePackagesAnswer, toPickerVersions } from "@/lib/search/version-picker";
import { groupRows, type VersionRowData, type VersionWindow as Window } from "@/lib/search/versions-page";
import { VersionRow, VersionTableHead } from "./version-row";

/** Every row of one group (the stable releases or a release line), with its previous, from the packages API. */
async function loadGroup(name: string, prefix: string, group: string, signal: AbortSignal): Promise<VersionRowData[]> {
  const all = toPickerVersions(parsePackagesAnswer(await fetchJson<unknown>(`/api/v1${prefix}/packages/${encodeName(name)}`, signal)));
  return groupRows(all, group);
}

/**
 * A table of the versions page that comes with its first rows (the newest
 * stable releases, or the last published prereleases of a line); "Show all"
 * loads the rest (react has thousands of canaries, next a thousand stable
 * releases: all of them would make the page megabytes).
 */
export function VersionWindow({
  name,
  prefix = "",
  window: { group, rows, total },
  showAll,
  testId,
}: {
  name: string;
  prefix?: string;
  window: Window;
  /** The button's text, e.g. "Show all 2,825 prereleases of 19.0.0". */
  showAll: string;
  testId?: string;
}) {
  const [all, setAll] = useState(false);
  const query = useQuery({
    queryKey: ["version-group", prefix, name, group],
    queryFn: ({ signal }) => loadGroup(name, prefix, group, signal),
    enabled: all,
    staleTime: 60_000,
  });
  const shown = all && query.data ? query.data : rows;
  return (
    <>
      <table className="versions-table" data-testid={testId}>
        <VersionTableHead />
        <tbody>
          {shown.map((row) => (
            <VersionRow key={row.v.version} name={name} prefix={prefix} row={row} />
          ))}
        </tbody>
      </table>
      {shown.length < total && (
        <p>
          <button type="button" className="button" onClick={() => setAll(true)} disabled={all && query.isPending}>
            {all && query.isPending ? "Loading…" : showAll}
          </button>
          {query.isError && (
            <span className="search-error" role="alert">
              {" "}
              {query.error.message}
            </span>
          )}
        </p>
      )}
    </>
  );
}
