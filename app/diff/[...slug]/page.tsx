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

/** The server's own warm-up request (its token, on the warm-up page's path). */
async function isWarmUpRender(params: Props["params"]): Promise<boolean> {
  return isWarmUpRequest(`/diff/${(await params).slug.join("/")}`, await headers());
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  if (await isWarmUpRender(params)) return { title: "warm-up" };
  return diffPageMetadata(DEFAULT_ECOSYSTEM, (await params).slug, toSearchParams(await searchParams));
}

export default async function DiffPage({ params, searchParams }: Props) {
  // The server's own render at start (lib/readiness/warm-up-page.ts): the synthetic pair through this route.
  if (await isWarmUpRender(params)) return <DiffView diff={syntheticDiff(DEFAULT_ECOSYSTEM)} options={WARM_UP_OPTIONS} />;
  const { slug } = await params;
  return <DiffRoutePage ecosystem={DEFAULT_ECOSYSTEM} slug={slug} params={toSearchParams(await searchParams)} />;
}
