import type { PackageInfo } from "@/lib/registry/types";
import { diffPath, encodeName } from "@/lib/routes/diff-path";
import { pickerData, previousOf } from "@/lib/search/version-picker";
import { VersionPicker } from "./version-picker";

/**
 * `/diff/<name>`: the from/to pickers, then every version newest first with
 * its dist-tags, publish date, deprecation, "diff with previous" and
 * "browse" links.
 */
export function VersionList({ pkg }: { pkg: PackageInfo }) {
  const data = pickerData({
    name: pkg.name,
    distTags: pkg.distTags,
    versions: pkg.sortedVersions.map((version) => {
      const meta = pkg.versions.get(version);
      return { version, publishedAt: meta?.publishedAt, deprecated: meta?.deprecated };
    }),
  });
  return (
    <>
      <section className="picker-section" aria-label="Compare two versions">
        <VersionPicker key={pkg.name} data={data} />
      </section>
      <table className="versions-table" data-testid="versions">
        <thead>
          <tr>
            <th>Version</th>
            <th>Published</th>
            <th>Compare</th>
          </tr>
        </thead>
        <tbody>
          {data.versions.map((v) => {
            const previous = previousOf(data.versions, v.version);
            const rowClass = [v.prerelease ? "pre" : "", v.deprecated !== undefined ? "is-deprecated" : ""].join(" ").trim();
            return (
              <tr key={v.version} className={rowClass || undefined} data-version={v.version}>
                <td className="mono">
                  <span className="version">{v.version}</span>{" "}
                  {v.tags.map((tag) => (
                    <span key={tag} className="version-tag">
                      {tag}
                    </span>
                  ))}
                  {v.prerelease && <span className="version-tag pre-tag">prerelease</span>}
                  {v.deprecated !== undefined && <div className="deprecated">deprecated: {v.deprecated}</div>}
                </td>
                <td className="muted">{v.date ?? ""}</td>
                <td>
                  <div className="version-links">
                    {previous ? (
                      <a href={diffPath(pkg.name, previous, v.version)}>diff with {previous}</a>
                    ) : (
                      <span className="muted">first version</span>
                    )}
                    <a href={`/browse/${encodeName(pkg.name)}/${encodeURIComponent(v.version)}`}>browse</a>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
