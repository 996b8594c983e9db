import type { Metadata } from "next";
import { headers } from "next/headers";
import { isWarmUpSlug } from "@/lib/readiness/warm-up-token";
import { DiffRoutePage } from "@/components/diff/diff-route-page";
import { DEFAULT_ECOSYSTEM } from "@/lib/registry/ecosystems";
import { diffPageMetadata } from "@/lib/previews/page-metadata";
import { toSearchParams } from "@/lib/routes/search-params";
import type { SlugPageProps } from "@/lib/routes/page-props";

type Props = SlugPageProps;

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { slug } = await params;
  if (isWarmUpSlug(slug, await headers())) return { title: "warm-up" };
  return diffPageMetadata(DEFAULT_ECOSYSTEM, slug, toSearchParams(await searchParams));
}

export default async function DiffPage({ params, searchParams }: Props) {
  const { slug } = await params;
  return <DiffRoutePage ecosystem={DEFAULT_ECOSYSTEM} slug={slug} params={toSearchParams(await searchParams)} />;
}
