import { redirect } from "next/navigation";
import { BrowseHeader } from "./browse-header";
import { Breadcrumbs } from "./breadcrumbs";
import { FileTree } from "./file-tree";
import { FolderListing } from "./folder-listing";
import { loadPage } from "./load-page";

interface Props {
  children: React.ReactNode;
  /** The ecosystem's id. */
  ecosystemId: string;
  slug: string[];
}

/**
 * The frame of every browse page: header with the version switcher, the
 * file tree, breadcrumbs, and the `t` finder. The page fills the main
 * column. When the path is missing the page answers 404 (`notFound()`), and
 * this layout still renders, so the 404 keeps the tree and lists the
 * nearest folder that exists. There is deliberately no loading.tsx: a
 * segment-wide Suspense would start streaming before the page can answer
 * 404; the slow part (a file's first lines) has its own boundary in FileView.
 */
export async function BrowseFrame({ children, ecosystemId, slug }: Props) {
  const data = await loadPage(ecosystemId, slug);
  if (data.kind === "redirect") redirect(data.location); // the proxy redirects first; this covers a direct render
  const { page } = data;
  const missing = page.target.kind === "missing";
  return (
    <div className="browse" data-testid="browse">
      <BrowseHeader page={page} />
      <div className="browse-body">
        <aside className="browse-side">
          <FileTree
            name={page.name}
            prefix={page.prefix}
            version={page.version}
            paths={page.files.paths}
            sizes={page.files.sizes}
            current={page.path}
            currentIsFolder={page.target.kind === "folder"}
          />
        </aside>
        <section className="browse-main">
          <Breadcrumbs name={page.name} prefix={page.prefix} version={page.version} path={page.path} />
          {children}
          {missing && page.listing && <FolderListing name={page.name} prefix={page.prefix} version={page.version} listing={page.listing} />}
        </section>
      </div>
    </div>
  );
}
