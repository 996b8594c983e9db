import { type DiffPreviewInput, diffLabel, fileCount, lineCounts, type PreviewFile, topFiles } from "./text";
import { groupDigits } from "../format-count";

/**
 * What the diff card image (1200×630, the size Open Graph and Twitter's
 * large card show) draws, laid out here as plain data so the layout rules
 * are tested without rendering: font sizes that fit long names, paths cut
 * in the middle, bar widths. app/og draws it.
 */

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
/** Bump when the card's look changes: it is part of the card's ETag. */
export const CARD_VERSION = 1;

/** The card's inner width (64 px margins). */
const INNER = CARD_WIDTH - 2 * 64;
/** Average advance of the sans font, in ems (Geist; digits and lower case). */
const SANS_EM = 0.6;
/** Advance of the mono font, in ems (Geist Mono). */
const MONO_EM = 0.6;
export const FILE_FONT = 24;
/** Characters of a file path that fit beside its counts and bar. */
const PATH_CHARS = Math.floor((INNER - 420) / (FILE_FONT * MONO_EM));
export const BAR_WIDTH = 180;
export const CARD_FILES = 5;

export interface CardFile {
  /** Cut in the middle to fit (the file name end is what readers look for). */
  label: string;
  additions: number;
  deletions: number;
  /** Pixels of the +/− bar: green then red; together proportional to the most changed file's lines. */
  addWidth: number;
  delWidth: number;
  binary: boolean;
  status: PreviewFile["status"];
}

export type HeadlineTone = "attention" | "notice" | "clear";

export interface CardModel {
  name: { text: string; size: number };
  versions: { text: string; size: number };
  /** The ecosystem's label ("npm", "Hex"). */
  ecosystem: string;
  files: string;
  lines: { additions: string; deletions: string };
  top: CardFile[];
  /** Changed files not in `top`. */
  more: number;
  headline?: { text: string; tone: HeadlineTone };
  /** The card's words, for `alt` and og:image:alt. */
  alt: string;
}

/**
 * The largest size (from `max` down to `min`) at which `text` fits `width`,
 * and the text cut with "…" when even `min` is too big.
 *
 * @example
 * fitText("react", 1072, 40, 76); // { text: "react", size: 76 }
 */
export function fitText(text: string, width: number, min: number, max: number, em = SANS_EM): { text: string; size: number } {
  const chars = [...text];
  const size = Math.max(min, Math.min(max, Math.floor(width / (Math.max(chars.length, 1) * em))));
  const room = Math.floor(width / (size * em));
  return { text: chars.length <= room ? text : `${chars.slice(0, Math.max(1, room - 1)).join("")}…`, size };
}

/**
 * `text` at most `max` characters long, cut in the middle with "…",
 * keeping more of the end.
 *
 * @example
 * shortenMiddle("packages/react-dom/cjs/react-dom.development.js", 30); // "packages/re…dom.development.js"
 */
export function shortenMiddle(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const keep = Math.max(2, max - 1);
  const tail = Math.ceil(keep * 0.6);
  return `${chars.slice(0, keep - tail).join("")}…${chars.slice(-tail).join("")}`;
}

/** The review's severity as a colour: red for attention, amber for notices, green otherwise. */
export function headlineTone(counts: { attention: number; notice: number } | undefined): HeadlineTone {
  if (!counts) return "clear";
  return counts.attention > 0 ? "attention" : counts.notice > 0 ? "notice" : "clear";
}

export interface CardInput extends DiffPreviewInput {
  /** The review summary's counts (colour of the headline). */
  counts?: { attention: number; notice: number };
  /** The ecosystem's label, shown in a corner also for the default one. */
  ecosystemName: string;
}

/**
 * The card of one diff: package, versions, totals, the most changed files
 * with +/− bars, the review headline. Reads the files' stats only.
 */
export function cardModel(input: CardInput): CardModel {
  const top = topFiles(input.files, CARD_FILES);
  const most = Math.max(1, ...top.map((f) => f.additions + f.deletions));
  const versions = `${input.from} → ${input.to}`;
  return {
    name: fitText(input.name, INNER, 40, 72),
    versions: fitText(versions, INNER, 22, 40),
    ecosystem: input.ecosystemName,
    files: `${fileCount(input.totals.files)} changed`,
    lines: { additions: `+${groupDigits(input.totals.additions)}`, deletions: `−${groupDigits(input.totals.deletions)}` },
    top: top.map((file) => {
      const changed = file.additions + file.deletions;
      const width = changed === 0 ? 0 : Math.max(4, Math.round((BAR_WIDTH * changed) / most));
      const addWidth = changed === 0 ? 0 : Math.round((width * file.additions) / changed);
      return {
        label: shortenMiddle(file.oldPath ? `${file.oldPath} → ${file.path}` : file.path, PATH_CHARS),
        additions: file.additions,
        deletions: file.deletions,
        addWidth,
        delWidth: width - addWidth,
        binary: file.binary,
        status: file.status,
      };
    }),
    more: Math.max(0, input.totals.files - top.length),
    ...(input.headline ? { headline: { text: input.headline, tone: headlineTone(input.counts) } } : {}),
    alt: [diffLabel(input), fileCount(input.totals.files), lineCounts(input.totals), ...(input.headline ? [input.headline] : [])].join(" · "),
  };
}
