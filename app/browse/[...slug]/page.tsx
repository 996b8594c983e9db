import type { Metadata } from "next";
import { BrowseRoutePage, browseMetadata } from "@/components/browse/browse-route-page";
import { DEFAULT_ECOSYSTEM } from "@/lib/registry/ecosystems";
import { toSearchParams } from "@/lib/routes/search-params";
import type { SlugPageProps } from "@/lib/routes/page-props";

type Props = SlugPageProps;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return browseMetadata(DEFAULT_ECOSYSTEM.id, (await params).slug);
}

export default async function BrowsePage({ params, searchParams }: Props) {
  const { slug } = await params;
  return <BrowseRoutePage ecosystemId={DEFAULT_ECOSYSTEM.id} slug={slug} params={toSearchParams(await searchParams)} />;
}
