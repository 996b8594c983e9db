import { fetchJson } from "@/components/fetch-json";
import { encodeName } from "@/lib/routes/diff-path";
import { type PickerSource, parsePackagesAnswer } from "@/lib/search/version-picker";

/**
 * The packages API's answer for one package, as one query the versions
 * page's parts share (its windows' "Show all", its picker's older
 * versions): asked once however many of them need it. Each takes its part
 * with `select`.
 *
 * @example
 * useQuery({ ...packagesQuery(prefix, name), enabled, select: pickerData });
 */
export function packagesQuery(prefix: string, name: string) {
  return {
    queryKey: ["packages-answer", prefix, name] as const,
    queryFn: async ({ signal }: { signal: AbortSignal }): Promise<PickerSource> =>
      parsePackagesAnswer(await fetchJson<unknown>(`/api/v1${prefix}/packages/${encodeName(name)}`, signal)),
    staleTime: 60_000,
  };
}
