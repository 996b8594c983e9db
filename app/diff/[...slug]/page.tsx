import type { Metadata } from "next";
import { headers } from "next/headers";
import { DiffView } from "@/components/diff/diff-view";
import { syntheticDiff, WARM_UP_OPTIONS } from "@/lib/readiness/warm-up-page";
import { isWarmUpRequest } from "@/lib/readiness/warm-up-token";
import { DiffRoutePage } from "@/components/diff/diff-route-page";
import { DEFAULT_ECOSYSTEM } from "@/lib/registry/ecosystems";
import { diffPageMetadata } from "@/lib/previews/page-metadata";
import { toSearchParams } from "@/lib/routes/search-params";
import type { SlugPageProps } from "@/lib/routes/page-props";

type Props = SlugPageProps;

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  if (isWarmUpRequest(await headers())) return { title: "warm-up" };
  return diffPageMetadata(DEFAULT_ECOSYSTEM, (await params).slug, toSearchParams(await searchParams));
}

export default async function DiffPage({ params, searchParams }: Props) {
  // The server's own render at start (lib/readiness/warm-up-page.ts): the synthetic pair through this route.
  if (isWarmUpRequest(await headers())) return <DiffView diff={syntheticDiff()} options={WARM_UP_OPTIONS} />;
  const { slug } = await params;
  return <DiffRoutePage ecosystem={DEFAULT_ECOSYSTEM} slug={slug} params={toSearchParams(await searchParams)} />;
}
