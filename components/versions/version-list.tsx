import type { PackageInfo } from "@/lib/registry/types";
import { PRERELEASES_PER_LINE, pickerData, prereleaseLines, previousOf, toPickerVersions } from "@/lib/search/version-picker";
import { PrereleaseLine } from "./prerelease-line";
import { VersionPicker } from "./version-picker";
import { VersionRow, VersionTableHead } from "./version-row";

/**
 * `/diff/<name>`: the from/to pickers, every stable version newest first,
 * then the prereleases behind a toggle, grouped by release line (last
 * published first, a few per line until asked for all). `prefix` is the
 * ecosystem's URL prefix ("" for npm).
 */
export function VersionList({ pkg, prefix = "" }: { pkg: PackageInfo; prefix?: string }) {
  const source = {
    name: pkg.name,
    distTags: pkg.distTags,
    versions: pkg.sortedVersions.map((version) => {
      const meta = pkg.versions.get(version);
      return { version, publishedAt: meta?.publishedAt, deprecated: meta?.deprecated, retired: meta?.retired };
    }),
  };
  const all = toPickerVersions(source);
  const stable = all.filter((v) => !v.prerelease);
  const lines = prereleaseLines(all);
  const prereleases = all.length - stable.length;
  const row = (v: (typeof all)[number]) => ({ v, previous: previousOf(all, v.version) });
  return (
    <>
      <section className="picker-section" aria-label="Compare two versions">
        <VersionPicker key={pkg.name} data={pickerData(source)} prefix={prefix} />
      </section>
      {stable.length > 0 ? (
        <table className="versions-table" data-testid="versions">
          <VersionTableHead />
          <tbody>
            {stable.map((v) => (
              <VersionRow key={v.version} name={pkg.name} prefix={prefix} row={row(v)} />
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">No stable release yet.</p>
      )}
      {lines.length > 0 && (
        <details className="prereleases" data-testid="prereleases" open={stable.length === 0}>
          <summary>
            Prereleases ({prereleases.toLocaleString("en-US")}), by release line
          </summary>
          {lines.map((group) => (
            <section key={group.line} className="prerelease-line" data-line={group.line} aria-label={`Prereleases of ${group.line}`}>
              <h3>
                {group.line}{" "}
                <span className="muted">
                  {group.versions.length.toLocaleString("en-US")} prerelease{group.versions.length === 1 ? "" : "s"}
                </span>
              </h3>
              <PrereleaseLine
                name={pkg.name}
                prefix={prefix}
                line={group.line}
                rows={group.versions.slice(0, PRERELEASES_PER_LINE).map(row)}
                total={group.versions.length}
              />
            </section>
          ))}
        </details>
      )}
    </>
  );
}
