import "server-only";
import type { DiffOptions, DiffResult } from "../service/diff-service";
import { getService } from "../service/instance";
import type { RequestContext } from "../service/request-context";
import type { DiffsEntry } from "./entries";

/** An entry after resolution: exact versions (and whether its diff is cached), or why not. */
export type ResolvedEntry =
  | { ok: true; entry: DiffsEntry & { to: string }; cached: boolean }
  | { ok: false; entry: DiffsEntry; error: unknown };

/**
 * Resolves one entry's tags, ranges and empty `to` to exact versions, as a
 * single diff's URL is (`resolveDiff`): two exact versions whose diff is
 * cached need no packument. A failure (unknown package or version, registry
 * down, ecosystem not configured) is kept with the entry, for its place on
 * the page, and never fails the others.
 */
export async function resolveEntry(entry: DiffsEntry, options: DiffOptions): Promise<ResolvedEntry> {
  try {
    const service = getService(entry.ecosystem.id);
    if (entry.to !== undefined && (await service.hasDiff(entry.name, entry.from, entry.to, options))) {
      return { ok: true, entry: { ...entry, to: entry.to }, cached: true };
    }
    const pkg = await service.getPackage(entry.name);
    const { versions } = entry.ecosystem;
    const from = versions.resolve(pkg, entry.from);
    const to = entry.to === undefined ? versions.latest(pkg) : versions.resolve(pkg, entry.to);
    const cached = from === entry.from && to === entry.to && (await service.hasDiff(entry.name, from, to, options));
    return { ok: true, entry: { ...entry, from, to }, cached };
  } catch (error) {
    return { ok: false, entry, error };
  }
}

export function resolveEntries(entries: readonly DiffsEntry[], options: DiffOptions): Promise<ResolvedEntry[]> {
  return Promise.all(entries.map((entry) => resolveEntry(entry, options)));
}

/** An entry's diff for its place on the page, or the error to show there instead. */
export type EntryDiff = { ok: true; diff: DiffResult } | { ok: false; entry: DiffsEntry; error: unknown };

/**
 * Resolves one entry and computes (or reads) its diff, charged to `context`'s
 * client like a single diff: each entry that is not cached costs that client
 * one miss and goes through admission on its own.
 */
export async function loadEntryDiff(entry: DiffsEntry, options: DiffOptions, context: RequestContext): Promise<EntryDiff> {
  const resolved = await resolveEntry(entry, options);
  if (!resolved.ok) return resolved;
  const { name, from, to, ecosystem } = resolved.entry;
  try {
    return { ok: true, diff: await getService(ecosystem.id).getDiff(name, from, to, options, { ...context }) };
  } catch (error) {
    return { ok: false, entry: resolved.entry, error };
  }
}
