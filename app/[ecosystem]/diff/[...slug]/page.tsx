import type { Metadata } from "next";
import { headers } from "next/headers";
import { isWarmUpSlug } from "@/lib/readiness/warm-up-token";
import { notFound } from "next/navigation";
import { DiffRoutePage } from "@/components/diff/diff-route-page";
import { findEcosystemBySegment } from "@/lib/registry/ecosystems";
import { diffPageMetadata } from "@/lib/previews/page-metadata";
import { toSearchParams } from "@/lib/routes/search-params";
import type { EcosystemPageProps } from "@/lib/routes/page-props";

type Props = EcosystemPageProps;

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { ecosystem, slug } = await params;
  if (isWarmUpSlug(slug, await headers())) return { title: "warm-up" };
  const found = findEcosystemBySegment(ecosystem);
  return found ? diffPageMetadata(found, slug, toSearchParams(await searchParams)) : { title: "diff" };
}

/** `/hex/diff/…` and any other prefixed ecosystem's diff pages. */
export default async function EcosystemDiffPage({ params, searchParams }: Props) {
  const { ecosystem, slug } = await params;
  const found = findEcosystemBySegment(ecosystem);
  if (!found) notFound();
  return <DiffRoutePage ecosystem={found} slug={slug} params={toSearchParams(await searchParams)} />;
}
