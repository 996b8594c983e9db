import type { Metadata } from "next";
import { DiffRoutePage } from "@/components/diff/diff-route-page";
import { DEFAULT_ECOSYSTEM } from "@/lib/registry/ecosystems";
import { diffTitle } from "@/lib/routes/diff-path";
import { toSearchParams } from "@/lib/routes/search-params";
import type { SlugPageProps } from "@/lib/routes/page-props";

type Props = SlugPageProps;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: diffTitle((await params).slug) };
}

export default async function DiffPage({ params, searchParams }: Props) {
  const { slug } = await params;
  return <DiffRoutePage ecosystem={DEFAULT_ECOSYSTEM} slug={slug} params={toSearchParams(await searchParams)} />;
}
