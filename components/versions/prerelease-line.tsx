"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { fetchJson } from "@/components/fetch-json";
import { encodeName } from "@/lib/routes/diff-path";
import { parsePackagesAnswer, prereleaseLines, previousOf, toPickerVersions } from "@/lib/search/version-picker";
import { VersionRow, type VersionRowData, VersionTableHead } from "./version-row";

/** Every prerelease of one line, with its previous, from the packages API. */
async function loadLine(name: string, prefix: string, line: string, signal: AbortSignal): Promise<VersionRowData[]> {
  const all = toPickerVersions(parsePackagesAnswer(await fetchJson<unknown>(`/api/v1${prefix}/packages/${encodeName(name)}`, signal)));
  const group = prereleaseLines(all).find((g) => g.line === line);
  return (group?.versions ?? []).map((v) => ({ v, previous: previousOf(all, v.version) }));
}

/**
 * One release line's prereleases: the last published few come with the
 * page; "Show all" loads the rest (react has thousands of canaries, which
 * would make the page megabytes).
 */
export function PrereleaseLine({
  name,
  prefix = "",
  line,
  rows,
  total,
}: {
  name: string;
  prefix?: string;
  line: string;
  rows: VersionRowData[];
  total: number;
}) {
  const [all, setAll] = useState(false);
  const query = useQuery({
    queryKey: ["prerelease-line", prefix, name, line],
    queryFn: ({ signal }) => loadLine(name, prefix, line, signal),
    enabled: all,
    staleTime: 60_000,
  });
  const shown = all && query.data ? query.data : rows;
  return (
    <>
      <table className="versions-table">
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
            {all && query.isPending ? "Loading…" : `Show all ${total.toLocaleString("en-US")} prereleases of ${line}`}
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
