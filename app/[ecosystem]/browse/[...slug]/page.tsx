import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BrowseRoutePage } from "@/components/browse/browse-route-page";
import { loadPage } from "@/components/browse/load-page";
import { browsePageMetadata } from "@/lib/previews/page-metadata";
import { findEcosystemBySegment } from "@/lib/registry/ecosystems";
import { toSearchParams } from "@/lib/routes/search-params";
import type { EcosystemPageProps } from "@/lib/routes/page-props";

type Props = EcosystemPageProps;

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { ecosystem, slug } = await params;
  const found = findEcosystemBySegment(ecosystem);
  return found ? browsePageMetadata(found, () => loadPage(found.id, slug), toSearchParams(await searchParams)) : { title: "browse" };
}

export default async function EcosystemBrowsePage({ params, searchParams }: Props) {
  const { ecosystem, slug } = await params;
  const found = findEcosystemBySegment(ecosystem);
  if (!found) notFound();
  return <BrowseRoutePage ecosystemId={found.id} slug={slug} params={toSearchParams(await searchParams)} />;
}
