import { redirect } from "next/navigation";
import { DiffView } from "@/components/diff/diff-view";
import { VersionList } from "@/components/versions/version-list";
import type { Ecosystem } from "@/lib/registry/ecosystem";
import { loadDiffPage } from "@/lib/endpoints/diff-page";

interface Props {
  ecosystem: Ecosystem;
  slug: string[];
  params: URLSearchParams;
}

/** What `/diff/…` and `/<ecosystem>/diff/…` render: the versions page or the diff. */
export async function DiffRoutePage({ ecosystem, slug, params }: Props) {
  const data = await loadDiffPage(ecosystem, slug, params);
  if (data.kind === "redirect") redirect(data.location);
  if (data.kind === "versions") {
    return (
      <>
        <h1>{data.pkg.name}</h1>
        <p className="muted">Pick two versions to compare, or diff any version with the one before it.</p>
        <VersionList pkg={data.pkg} prefix={ecosystem.urlPrefix} />
      </>
    );
  }
  return <DiffView diff={data.diff} options={data.options} prefix={ecosystem.urlPrefix} />;
}
