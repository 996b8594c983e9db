import type { Metadata } from "next";
import { headers } from "next/headers";
import { MultiDiffView } from "@/components/multi-diff/multi-diff-view";
import { contextFrom } from "@/lib/service/request-context";
import { diffsPageMetadata } from "@/lib/previews/page-metadata";
import { canonicalDiffsQuery, parseDiffsQuery } from "@/lib/upgrades/entries";
import { toSearchParams } from "@/lib/routes/search-params";

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const params = toSearchParams(await searchParams);
  try {
    // The proxy redirected to the canonical query: every entry's versions are exact here.
    const { entries, options } = parseDiffsQuery(params);
    const exact = entries.filter((entry): entry is typeof entry & { to: string } => entry.to !== undefined);
    return diffsPageMetadata(exact, canonicalDiffsQuery(entries, params), options.ignoreWhitespace);
  } catch {
    return { title: "upgrades" };
  }
}

/**
 * `/diffs?d=<name>:<from>:<to>&d=…`: many upgrades on one page. The proxy
 * (lib/endpoints/diffs-gate.ts) has checked the entries and redirected to the
 * canonical query; each entry's diff is computed in its own place.
 */
export default async function DiffsPage({ searchParams }: Props) {
  const { entries, options } = parseDiffsQuery(toSearchParams(await searchParams));
  return <MultiDiffView entries={entries} options={options} context={contextFrom(await headers())} />;
}
