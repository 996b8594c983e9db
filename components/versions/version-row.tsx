import { browsePath } from "@/lib/browse/browse-path";
import { diffPath } from "@/lib/routes/diff-path";
import type { VersionRowData } from "@/lib/search/versions-page";

/**
 * A row of `/diff/<name>`: the version with its dist-tags, prerelease and
 * deprecation marks, the publish date, "diff with previous" and "browse".
 * Rendered on the server and by the prerelease lines that load more.
 */
export function VersionRow({ name, prefix = "", row: { v, previous } }: { name: string; prefix?: string; row: VersionRowData }) {
  const rowClass = [v.prerelease ? "pre" : "", v.deprecated !== undefined || v.retired !== undefined ? "is-deprecated" : ""].join(" ").trim();
  return (
    <tr className={rowClass || undefined} data-version={v.version}>
      <td className="mono">
        <span className="version">{v.version}</span>{" "}
        {v.tags.map((tag) => (
          <span key={tag} className="version-tag">
            {tag}
          </span>
        ))}
        {v.prerelease && <span className="version-tag pre-tag">prerelease</span>}
        {v.deprecated !== undefined && <div className="deprecated">deprecated: {v.deprecated}</div>}
        {v.retired !== undefined && (
          <div className="deprecated" data-testid="retired">
            retired ({v.retired.reason}){v.retired.message ? `: ${v.retired.message}` : ""}
          </div>
        )}
      </td>
      <td className="muted">{v.date ?? ""}</td>
      <td>
        <div className="version-links">
          {previous ? <a href={diffPath(name, previous, v.version, "html", prefix)}>diff with {previous}</a> : <span className="muted">first version</span>}
          <a href={browsePath(name, v.version, "", prefix)}>browse</a>
        </div>
      </td>
    </tr>
  );
}

/** The head of every versions table. */
export function VersionTableHead() {
  return (
    <thead>
      <tr>
        <th>Version</th>
        <th>Published</th>
        <th>Compare</th>
      </tr>
    </thead>
  );
}
