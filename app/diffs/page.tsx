import type { Metadata } from "next";
import { headers } from "next/headers";
import { MultiDiffView } from "@/components/multi-diff/multi-diff-view";
import { contextFrom } from "@/lib/service/request-context";
import { parseDiffsQuery } from "@/lib/upgrades/entries";
import { toSearchParams } from "@/lib/routes/search-params";

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const params = toSearchParams(await searchParams);
  const count = new Set([...params.getAll("d"), ...params.getAll("diffs[]")]).size;
  return { title: `${count} ${count === 1 ? "upgrade" : "upgrades"}` };
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
