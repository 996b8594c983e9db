import type { Metadata } from "next";
import { BrowseRoutePage, browseMetadata } from "@/components/browse/browse-route-page";
import { DEFAULT_ECOSYSTEM } from "@/lib/registry/ecosystems";
import { toSearchParams } from "@/lib/routes/search-params";

interface Props {
  params: Promise<{ slug: string[] }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return browseMetadata(DEFAULT_ECOSYSTEM.id, (await params).slug);
}

export default async function BrowsePage({ params, searchParams }: Props) {
  const { slug } = await params;
  return <BrowseRoutePage ecosystemId={DEFAULT_ECOSYSTEM.id} slug={slug} params={toSearchParams(await searchParams)} />;
}
