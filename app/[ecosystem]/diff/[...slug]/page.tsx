import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DiffRoutePage } from "@/components/diff/diff-route-page";
import { findEcosystemBySegment } from "@/lib/registry/ecosystems";
import { diffTitle } from "@/lib/routes/diff-path";
import { toSearchParams } from "@/lib/routes/search-params";
import type { EcosystemPageProps } from "@/lib/routes/page-props";

type Props = EcosystemPageProps;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { ecosystem, slug } = await params;
  const found = findEcosystemBySegment(ecosystem);
  return { title: found ? `${diffTitle(slug)} · ${found.label}` : "diff" };
}

/** `/hex/diff/…` and any other prefixed ecosystem's diff pages. */
export default async function EcosystemDiffPage({ params, searchParams }: Props) {
  const { ecosystem, slug } = await params;
  const found = findEcosystemBySegment(ecosystem);
  if (!found) notFound();
  return <DiffRoutePage ecosystem={found} slug={slug} params={toSearchParams(await searchParams)} />;
}
