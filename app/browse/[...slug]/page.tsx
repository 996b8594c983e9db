import type { Metadata } from "next";
import { BrowseRoutePage } from "@/components/browse/browse-route-page";
import { loadPage } from "@/components/browse/load-page";
import { browsePageMetadata } from "@/lib/previews/page-metadata";
import { DEFAULT_ECOSYSTEM } from "@/lib/registry/ecosystems";
import { toSearchParams } from "@/lib/routes/search-params";
import type { SlugPageProps } from "@/lib/routes/page-props";

type Props = SlugPageProps;

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { slug } = await params;
  return browsePageMetadata(DEFAULT_ECOSYSTEM, () => loadPage(DEFAULT_ECOSYSTEM.id, slug), toSearchParams(await searchParams));
}

export default async function BrowsePage({ params, searchParams }: Props) {
  const { slug } = await params;
  return <BrowseRoutePage ecosystemId={DEFAULT_ECOSYSTEM.id} slug={slug} params={toSearchParams(await searchParams)} />;
}
