import type { BrowseOptions, BrowsePage } from "@/lib/browse/browse-page";
import { FileView } from "./file-view";
import { FolderListing } from "./folder-listing";

/** A folder: its listing, and under it the README (at the root, package.json when there is none). */
export function FolderView({ page, options }: { page: BrowsePage; options: BrowseOptions }) {
  return (
    <>
      {page.listing && <FolderListing name={page.name} prefix={page.prefix} version={page.version} listing={page.listing} />}
      {page.readme && <FileView page={page} file={page.readme} options={options} embedded />}
    </>
  );
}
