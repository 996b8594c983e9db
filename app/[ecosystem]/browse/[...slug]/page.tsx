import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BrowseRoutePage, browseMetadata } from "@/components/browse/browse-route-page";
import { findEcosystemBySegment } from "@/lib/registry/ecosystems";
import { toSearchParams } from "@/lib/routes/search-params";
import type { EcosystemPageProps } from "@/lib/routes/page-props";

type Props = EcosystemPageProps;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { ecosystem, slug } = await params;
  const found = findEcosystemBySegment(ecosystem);
  return found ? browseMetadata(found.id, slug) : { title: "browse" };
}

export default async function EcosystemBrowsePage({ params, searchParams }: Props) {
  const { ecosystem, slug } = await params;
  const found = findEcosystemBySegment(ecosystem);
  if (!found) notFound();
  return <BrowseRoutePage ecosystemId={found.id} slug={slug} params={toSearchParams(await searchParams)} />;
}
