import Link from "next/link";
import { browsePath } from "@/lib/browse/browse-path";
import { parentOf } from "@/lib/browse/folders";
import { formatBytes } from "@/lib/format-bytes";
import type { FolderListing as Listing } from "@/lib/browse/package-files";

interface Props {
  name: string;
  /** The ecosystem's URL prefix ("" for npm). */
  prefix?: string;
  version: string;
  listing: Listing;
}

/** One folder's folders and files, with sizes; a `..` row above anything but the root. */
export function FolderListing({ name, prefix = "", version, listing }: Props) {
  const empty = listing.folders.length === 0 && listing.files.length === 0;
  return (
    <table className="browse-listing" data-testid="folder-listing" aria-label={`Files in ${listing.path || "the package root"}`}>
      <tbody>
        {listing.path !== "" && (
          <tr>
            <td className="icon" aria-hidden>
              ↰
            </td>
            <td>
              <Link href={browsePath(name, version, parentOf(listing.path), prefix)} prefetch={false}>
                ..
              </Link>
            </td>
            <td />
          </tr>
        )}
        {listing.folders.map((folder) => (
          <tr key={folder.path}>
            <td className="icon folder-icon" aria-hidden>
              ▸
            </td>
            <td>
              <Link href={browsePath(name, version, folder.path, prefix)} prefetch={false}>
                {folder.name}/
              </Link>
            </td>
            <td className="size muted">
              {folder.files} {folder.files === 1 ? "file" : "files"}, {formatBytes(folder.bytes)}
            </td>
          </tr>
        ))}
        {listing.files.map((file) => (
          <tr key={file.path}>
            <td className="icon" aria-hidden>
              {file.kind === "file" ? "·" : "↪"}
            </td>
            <td>
              <Link href={browsePath(name, version, file.path, prefix)} prefetch={false}>
                {file.name}
              </Link>
              {file.executable && <span className="muted"> (executable)</span>}
              {file.linkTarget !== undefined && <span className="muted"> → {file.linkTarget}</span>}
            </td>
            <td className="size muted">{file.kind === "file" ? formatBytes(file.size) : file.kind}</td>
          </tr>
        ))}
        {empty && (
          <tr>
            <td />
            <td className="muted">Empty folder.</td>
            <td />
          </tr>
        )}
      </tbody>
    </table>
  );
}
