"use client";

import { useQuery } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { type PickerSource, toPickerVersions } from "@/lib/search/version-picker";
import { groupRows, type VersionRowData, type VersionWindow as Window } from "@/lib/search/versions-page";
import { packagesQuery } from "./packages-query";
import { VersionRow, VersionTableHead } from "./version-row";

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
  // Every row of this group (the stable releases or a release line), with its previous.
  const select = useCallback((answer: PickerSource): VersionRowData[] => groupRows(toPickerVersions(answer), group), [group]);
  const query = useQuery({ ...packagesQuery(prefix, name), enabled: all, select });
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
