import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { DiffView } from "@/components/diff/diff-view";
import { VersionList } from "@/components/versions/version-list";
import type { Ecosystem } from "@/lib/registry/ecosystem";
import { loadDiffPage } from "@/lib/endpoints/diff-page";
import { syntheticDiff, WARM_UP_OPTIONS } from "@/lib/readiness/warm-up-page";
import { isWarmUpSlug } from "@/lib/readiness/warm-up-token";

interface Props {
  ecosystem: Ecosystem;
  slug: string[];
  params: URLSearchParams;
}

/** What `/diff/…` and `/<ecosystem>/diff/…` render: the versions page or the diff. */
export async function DiffRoutePage({ ecosystem, slug, params }: Props) {
  // The server's own render at start (lib/readiness/warm-up-page.ts): the synthetic pair through this route.
  if (isWarmUpSlug(slug, await headers())) {
    return <DiffView diff={syntheticDiff(ecosystem)} options={WARM_UP_OPTIONS} prefix={ecosystem.urlPrefix} />;
  }
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
