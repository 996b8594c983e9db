import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { FileView } from "@/components/browse/file-view";
import { FolderView } from "@/components/browse/folder-view";
import { SpecialEntry } from "@/components/browse/special-entry";
import { parseBrowseOptions } from "@/lib/browse/browse-page";
import { toSearchParams } from "@/lib/routes/search-params";
import { loadPage } from "./load";

interface Props {
  params: Promise<{ slug: string[] }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  try {
    const data = await loadPage((await params).slug);
    if (data.kind === "redirect") return { title: "browse" };
    const { name, version, path } = data.page;
    return { title: path ? `${path} · ${name}@${version}` : `${name}@${version}` };
  } catch {
    return { title: "browse" };
  }
}

export default async function BrowsePage({ params, searchParams }: Props) {
  const data = await loadPage((await params).slug);
  if (data.kind === "redirect") redirect(data.location);
  const { page } = data;
  const options = parseBrowseOptions(toSearchParams(await searchParams));
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
