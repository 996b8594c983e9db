import type { PackageInfo } from "@/lib/registry/types";
import { previousVersion } from "@/lib/registry/resolve";
import { diffPath } from "@/lib/routes/diff-path";

/** Every version of a package, newest first, with its dist-tags and a "diff with previous" link. */
export function VersionList({ pkg }: { pkg: PackageInfo }) {
  const tagsByVersion = new Map<string, string[]>();
  for (const [tag, version] of Object.entries(pkg.distTags)) {
    tagsByVersion.set(version, [...(tagsByVersion.get(version) ?? []), tag]);
  }
  return (
    <table className="versions-table" data-testid="versions">
      <thead>
        <tr>
          <th>Version</th>
          <th>Published</th>
          <th>Compare</th>
        </tr>
      </thead>
      <tbody>
        {pkg.sortedVersions.map((version) => {
          const meta = pkg.versions.get(version);
          const previous = previousVersion(pkg, version);
          return (
            <tr key={version}>
              <td className="mono">
                {version} {tagsByVersion.get(version)?.map((tag) => <span key={tag} className="badge">{tag}</span>)}
                {meta?.deprecated && <div className="deprecated">deprecated: {meta.deprecated}</div>}
              </td>
              <td className="muted">{meta?.publishedAt ? meta.publishedAt.slice(0, 10) : ""}</td>
              <td>{previous ? <a href={diffPath(pkg.name, previous, version)}>diff with {previous}</a> : <span className="muted">first version</span>}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
