import Link from "next/link";
import type { BrowsePage } from "@/lib/browse/browse-page";
import { formatBytes } from "@/lib/format-bytes";
import { fileAnchor } from "@/lib/render/anchors";
import { diffPath, encodeName } from "@/lib/routes/diff-path";
import { CompareWith } from "./compare-with";
import { FileFinder } from "./file-finder";
import { ReleaseMetadataLine } from "./release-metadata";
import { VersionSwitcher } from "./version-switcher";

/** Package, version switcher, sizes, the ways into diffs, the file finder, and what the release says about itself. */
export function BrowseHeader({ page }: { page: BrowsePage }) {
  const anchor = page.target.kind === "file" ? `#${fileAnchor(page.path)}` : "";
  const current = page.versions.find((v) => v.version === page.version);
  return (
    <header className="browse-head">
      <h1 data-testid="browse-title">
        <Link href={`${page.prefix}/diff/${encodeName(page.name)}`} prefetch={false} title="All versions">
          {page.name}
        </Link>
      </h1>
      <VersionSwitcher name={page.name} prefix={page.prefix} version={page.version} path={page.path} versions={page.versions} />
      {current?.deprecated && <span className="deprecated">deprecated</span>}
      <span className="muted browse-totals">
        {page.totals.files} files, {formatBytes(page.totals.bytes)}
      </span>
      <span className="browse-actions">
        {page.previous ? (
          <Link href={diffPath(page.name, page.previous, page.version, "html", page.prefix) + anchor} prefetch={false} data-testid="compare-previous">
            Compare with {page.previous}
          </Link>
        ) : (
          <span className="muted">First version</span>
        )}
        <CompareWith name={page.name} prefix={page.prefix} version={page.version} anchor={anchor} versions={page.versions.map((v) => v.version)} />
        <FileFinder name={page.name} prefix={page.prefix} version={page.version} paths={page.files.paths} />
      </span>
      {page.metadata && <ReleaseMetadataLine metadata={page.metadata} />}
    </header>
  );
}
