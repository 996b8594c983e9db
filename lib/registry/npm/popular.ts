import "server-only";
import { readFile } from "node:fs/promises";
import { parseNameList } from "./name-list";

/**
 * The popular package names, most popular first: the given file, or the
 * `npm-high-impact` data package (the ~17k names npm counts as high-impact:
 * ≥ 1M weekly downloads or ≥ 500 dependents, ranked). Refreshing it is
 * `npm update npm-high-impact`.
 */
export async function loadPopularNames(file: string | undefined): Promise<string[]> {
  if (file) return parseNameList(await readFile(file, "utf8"));
  const { npmHighImpact } = await import("npm-high-impact");
  return [...npmHighImpact];
}
