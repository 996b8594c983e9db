import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { DiffView } from "@/components/diff/diff-view";
import { isWarmUpRequest, syntheticDiff } from "@/lib/readiness/warm-up-page";

export const dynamic = "force-dynamic";

/** The server's warm-up render of a diff page (lib/readiness/warm-up-page.ts); a 404 for anyone else. */
export default async function WarmUpPage() {
  if (!isWarmUpRequest(await headers())) notFound();
  return <DiffView diff={syntheticDiff()} options={{ view: "unified", ignoreWhitespace: false }} />;
}
