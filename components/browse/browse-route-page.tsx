import { notFound, redirect } from "next/navigation";
import { FileView } from "./file-view";
import { FolderView } from "./folder-view";
import { SpecialEntry } from "./special-entry";
import { parseBrowseOptions } from "@/lib/browse/browse-page";
import { loadPage } from "./load-page";

interface Props {
  ecosystemId: string;
  slug: string[];
  params: URLSearchParams;
}

/** What `/browse/…` and `/<ecosystem>/browse/…` render in the frame's main column. */
export async function BrowseRoutePage({ ecosystemId, slug, params }: Props) {
  const data = await loadPage(ecosystemId, slug);
  if (data.kind === "redirect") redirect(data.location);
  const { page } = data;
  const options = parseBrowseOptions(params);
  switch (page.target.kind) {
    case "missing":
      notFound(); // 404; the layout lists the nearest folder (see not-found.tsx)
    case "folder":
      return <FolderView page={page} options={options} />;
    case "file":
      return <FileView page={page} file={page.target.file} options={options} />;
    case "special":
      return <SpecialEntry entry={page.target.entry} />;
  }
}
