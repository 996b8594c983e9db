import type { DiffTotals, FileStatus } from "../diff/types";
import { formatBytes } from "../format-bytes";
import { groupDigits } from "../format-count";

/**
 * The words of a link preview (title, description, card alt text): what a
 * chat, a pull request or a search result shows before anyone opens the
 * link. Pure functions of what the diff already knows, so a page, the
 * multi-diff page and the card image say the same thing.
 */

/** One diff, as much of it as a preview needs. */
export interface DiffPreviewInput {
  name: string;
  from: string;
  to: string;
  /** The ecosystem's label ("Hex") when it is not the default one; shown after the versions. */
  ecosystemLabel?: string;
  totals: DiffTotals;
  /** Changed files (only stats are read). */
  files: readonly PreviewFile[];
  /** The review summary's headline, when the ecosystem has one. */
  headline?: string;
}

export interface PreviewFile {
  path: string;
  oldPath?: string;
  status: FileStatus;
  binary: boolean;
  additions: number;
  deletions: number;
}

export interface PreviewText {
  title: string;
  description: string;
}

/** Files named in a description; the card shows its own number (card-model.ts). */
const DESCRIPTION_FILES = 3;

/**
 * The most changed files, most changed first (additions + deletions, then
 * path, so the same diff always names the same files). Files without line
 * changes (binary, mode-only) come last.
 *
 * @example
 * topFiles([{ path: "a", additions: 1, deletions: 0, … }, { path: "b", additions: 9, deletions: 2, … }], 1)
 * // → [{ path: "b", … }]
 */
export function topFiles<F extends PreviewFile>(files: readonly F[], count: number): F[] {
  return [...files]
    .sort((a, b) => b.additions + b.deletions - (a.additions + a.deletions) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .slice(0, Math.max(0, count));
}

/** "1 file" / "8 files". */
export function fileCount(n: number): string {
  return `${groupDigits(n)} ${n === 1 ? "file" : "files"}`;
}

/** "+130 −20" (a real minus sign, as the diff page shows it). */
export function lineCounts(totals: Pick<DiffTotals, "additions" | "deletions">): string {
  return `+${groupDigits(totals.additions)} −${groupDigits(totals.deletions)}`;
}

/**
 * The headline's first clause, lower-cased, for a title: the review's
 * "No install scripts, no new dependencies, no risky code added" becomes
 * "no install scripts"; "2 things need attention · 1 notice" stays whole.
 *
 * @example
 * shortHeadline("No install scripts, no new dependencies, no risky code added"); // "no install scripts"
 */
export function shortHeadline(headline: string): string {
  const first = headline.split(", ")[0] ?? headline;
  return /^[A-Z][a-z]/.test(first) ? first[0]!.toLowerCase() + first.slice(1) : first;
}

/** "react 18.2.0 → 18.3.1" (with " (Hex)" for another ecosystem than the default). */
export function diffLabel(input: Pick<DiffPreviewInput, "name" | "from" | "to" | "ecosystemLabel">): string {
  return `${input.name} ${input.from} → ${input.to}${input.ecosystemLabel ? ` (${input.ecosystemLabel})` : ""}`;
}

function fileLabel(file: PreviewFile): string {
  const path = file.oldPath ? `${file.oldPath} → ${file.path}` : file.path;
  if (file.binary || file.additions + file.deletions === 0) return `${path} (${file.status})`;
  return `${path} (${lineCounts(file)})`;
}

/**
 * Title and description of one diff page.
 *
 * @example
 * diffPreviewText({ name: "react", from: "18.2.0", to: "18.3.1", totals: { files: 8, additions: 130, deletions: 20 }, files, headline: NOTHING_OF_NOTE })
 * // → { title: "react 18.2.0 → 18.3.1 · 8 files · +130 −20 · no install scripts",
 * //     description: "8 files changed, +130 −20. No install scripts, no new dependencies, no risky code added. Most changed: … (+50 −10), …" }
 */
export function diffPreviewText(input: DiffPreviewInput): PreviewText {
  const { totals } = input;
  const parts = [diffLabel(input), fileCount(totals.files), lineCounts(totals)];
  if (input.headline) parts.push(shortHeadline(input.headline));
  if (totals.files === 0) {
    return { title: parts.slice(0, 2).join(" · "), description: `${diffLabel(input)}: the two versions have identical files.` };
  }
  const sentences = [`${fileCount(totals.files)} changed, ${lineCounts(totals)}.`];
  if (input.headline) sentences.push(`${input.headline}.`);
  const top = topFiles(input.files, DESCRIPTION_FILES);
  if (top.length > 0) sentences.push(`Most changed: ${top.map(fileLabel).join(", ")}${totals.files > top.length ? ", …" : ""}`);
  return { title: parts.join(" · "), description: sentences.join(" ") };
}

/** Diffs named in a list's title before "+N more". */
const LIST_TITLE_ENTRIES = 2;

/**
 * Title and description of a page with many diffs (`/diffs?d=…`): how many
 * upgrades, the first ones by name, the totals of all and what the reviews
 * say. Entries that failed are left out by the caller.
 *
 * @example
 * diffListPreviewText([react, next, lodash])
 * // → { title: "3 upgrades: react 18.2.0 → 18.3.1, next 14.2.3 → 14.2.5, +1 more",
 * //     description: "27 files changed in all, +500 −120. react 18.2.0 → 18.3.1: 8 files, +130 −20, no install scripts. …" }
 */
export function diffListPreviewText(inputs: readonly DiffPreviewInput[]): PreviewText {
  if (inputs.length === 0) return { title: "No upgrades", description: "No package diffs on this page." };
  if (inputs.length === 1) return diffPreviewText(inputs[0]!);
  const named = inputs.slice(0, LIST_TITLE_ENTRIES).map(diffLabel);
  const more = inputs.length - named.length;
  const title = `${inputs.length} upgrades: ${named.join(", ")}${more > 0 ? `, +${more} more` : ""}`;
  const all = inputs.reduce((sum, d) => ({ files: sum.files + d.totals.files, additions: sum.additions + d.totals.additions, deletions: sum.deletions + d.totals.deletions }), {
    files: 0,
    additions: 0,
    deletions: 0,
  });
  const each = inputs.map((d) => `${diffLabel(d)}: ${[fileCount(d.totals.files), lineCounts(d.totals), ...(d.headline ? [shortHeadline(d.headline)] : [])].join(", ")}.`);
  return { title, description: [`${fileCount(all.files)} changed in all, ${lineCounts(all)}.`, ...each].join(" ") };
}

/** One browse page, as much as its preview needs. */
export interface BrowsePreviewInput {
  name: string;
  version: string;
  ecosystemLabel?: string;
  /** The path shown ("" for the package root). */
  path: string;
  kind: "folder" | "file" | "other";
  /** The whole version's files and unpacked bytes. */
  totals: { files: number; bytes: number };
}

/**
 * Title and description of a browse page.
 *
 * @example
 * browsePreviewText({ name: "react", version: "18.3.1", path: "", kind: "folder", totals: { files: 12, bytes: 318_000 } })
 * // → { title: "react@18.3.1 · source", description: "Browse the published source of react@18.3.1: 12 files, 310.5 KiB." }
 */
export function browsePreviewText(input: BrowsePreviewInput): PreviewText {
  const pkg = `${input.name}@${input.version}${input.ecosystemLabel ? ` (${input.ecosystemLabel})` : ""}`;
  const contents = `${fileCount(input.totals.files)}, ${formatBytes(input.totals.bytes)}`;
  if (!input.path) return { title: `${pkg} · source`, description: `Browse the published source of ${pkg}: ${contents}.` };
  const what = input.kind === "folder" ? "folder" : "file";
  return { title: `${input.path} · ${pkg}`, description: `The ${what} ${input.path} as published in ${pkg} (${contents} in all).` };
}

/**
 * Title and description of `/diffs` from its entries alone (names and exact
 * versions, before any diff is computed): what a link to the page says in a
 * chat while the page itself streams the diffs in.
 *
 * @example
 * upgradeListPreviewText([{ name: "react", from: "18.2.0", to: "18.3.1" }, { name: "decimal", from: "2.1.0", to: "2.1.1", ecosystemLabel: "Hex" }])
 * // → { title: "2 upgrades: react 18.2.0 → 18.3.1, decimal 2.1.0 → 2.1.1 (Hex)",
 * //     description: "What changed in react 18.2.0 → 18.3.1 and decimal 2.1.0 → 2.1.1 (Hex): every file's diff and each package's review summary." }
 */
export function upgradeListPreviewText(entries: readonly Pick<DiffPreviewInput, "name" | "from" | "to" | "ecosystemLabel">[]): PreviewText {
  const labels = entries.map(diffLabel);
  const named = labels.slice(0, LIST_TITLE_ENTRIES);
  const more = labels.length - named.length;
  const count = `${labels.length} ${labels.length === 1 ? "upgrade" : "upgrades"}`;
  const title = `${count}: ${named.join(", ")}${more > 0 ? `, +${more} more` : ""}`;
  const listed = labels.slice(0, DESCRIPTION_UPGRADES);
  const rest = labels.length - listed.length;
  const all = rest > 0 ? `${listed.join(", ")} and ${rest} more` : listed.length > 1 ? `${listed.slice(0, -1).join(", ")} and ${listed.at(-1)}` : (listed[0] ?? "");
  return { title, description: `What changed in ${all}: every file's diff and each package's review summary.` };
}

/** Upgrades named in a list's description before "and N more". */
const DESCRIPTION_UPGRADES = 6;
