import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { DiffView } from "@/components/diff/diff-view";
import { VersionList } from "@/components/versions/version-list";
import { loadDiffPage } from "@/lib/service/diff-page";
import { toSearchParams } from "@/lib/routes/search-params";

interface Props {
  params: Promise<{ slug: string[] }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  try {
    return { title: slug.map((s) => decodeURIComponent(s)).join(" ") };
  } catch {
    return { title: "diff" };
  }
}

export default async function DiffPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const data = await loadDiffPage(slug, toSearchParams(await searchParams));
  if (data.kind === "redirect") redirect(data.location);
  if (data.kind === "versions") {
    return (
      <>
        <h1>{data.pkg.name}</h1>
        <p className="muted">Pick two versions to compare, or diff any version with the one before it.</p>
        <VersionList pkg={data.pkg} />
      </>
    );
  }
  return <DiffView diff={data.diff} options={data.options} />;
}
