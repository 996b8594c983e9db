import type { PackageInfo } from "@/lib/registry/types";
import { pickerSource } from "@/lib/search/version-picker";
import { versionsPage } from "@/lib/search/versions-page";
import { VersionPicker } from "./version-picker";
import { VersionWindow } from "./version-window";
import { groupDigits } from "@/lib/format-count";

/**
 * `/diff/<name>`: the from/to pickers, the stable releases newest first,
 * then the prereleases behind a toggle, grouped by release line (last
 * published first). Each list comes with its first rows and loads the rest
 * when asked (see `versionsPage`). `prefix` is the ecosystem's URL prefix ("" for npm).
 */
export function VersionList({ pkg, prefix = "" }: { pkg: PackageInfo; prefix?: string }) {
  const page = versionsPage(pickerSource(pkg));
  const { stable, lines } = page;
  return (
    <>
      <section className="picker-section" aria-label="Compare two versions">
        <VersionPicker key={pkg.name} data={page.picker} prefix={prefix} />
      </section>
      {stable.total > 0 ? (
        <VersionWindow name={pkg.name} prefix={prefix} window={stable} showAll={`Show all ${groupDigits(stable.total)} stable releases`} testId="versions" />
      ) : (
        <p className="muted">No stable release yet.</p>
      )}
      {lines.length > 0 && (
        <details className="prereleases" data-testid="prereleases" open={stable.total === 0}>
          <summary>Prereleases ({groupDigits(page.prereleases)}), by release line</summary>
          {lines.map((line) => (
            <section key={line.group} className="prerelease-line" data-line={line.group} aria-label={`Prereleases of ${line.group}`}>
              <h3>
                {line.group}{" "}
                <span className="muted">
                  {groupDigits(line.total)} prerelease{line.total === 1 ? "" : "s"}
                </span>
              </h3>
              <VersionWindow
                name={pkg.name}
                prefix={prefix}
                window={line}
                showAll={`Show all ${groupDigits(line.total)} prereleases of ${line.group}`}
              />
            </section>
          ))}
        </details>
      )}
    </>
  );
}
