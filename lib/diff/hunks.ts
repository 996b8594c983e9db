import type { Hunk } from "./types";
import type { LineChange } from "./line-diff";
import type { LineSource } from "./line-source";

/** The marker line git prints after a line that has no newline at the end of the file. */
export const NO_NEWLINE_MARKER = "\\ No newline at end of file";

/** Lines of context around each change, as git and diff default to. */
export const DEFAULT_CONTEXT = 3;

/** Hunks whose lines were joined already, while sharingJoinedLines() runs. */
let joined: WeakMap<Hunk, string> | undefined;

/** A hunk's lines as one text (newline between them, none after). */
export function joinedLines(hunk: Hunk): string {
  if (joined === undefined) return hunk.lines.join("\n");
  let text = joined.get(hunk);
  if (text === undefined) joined.set(hunk, (text = hunk.lines.join("\n")));
  return text;
}

/**
 * Runs `work` (synchronous) with each hunk's lines joined at most once: a
 * worker writes a diff's patch and packs it for the trip back
 * (lib/workers/worker-tasks.ts), and a big file's lines are megabytes.
 * Nothing is kept after, so hunks cached elsewhere hold no second copy.
 */
export function sharingJoinedLines<T>(work: () => T): T {
  joined = new WeakMap();
  try {
    return work();
  } finally {
    joined = undefined;
  }
}

/** Hunks of one file with its added and removed line counts. */
export interface HunkResult {
  hunks: Hunk[];
  additions: number;
  deletions: number;
}

/**
 * Builds unified-diff hunks from an edit script, following git's
 * xdl_emit_diff() (https://github.com/git/git/blob/master/xdiff/xemit.c):
 * changes whose gap is at most twice the context share a hunk, context
 * lines are taken from the new side (which matters only with -w), and a
 * line that lacks its final newline is followed by NO_NEWLINE_MARKER.
 *
 * Header numbers are stored as git prints them: a side with no lines in the
 * hunk starts at the line before it (0 at the top of the file), so a new
 * file is `-0,0 +1,n`. The serializer omits a count of 1 (`-5` for `-5,1`).
 *
 * @example
 * const [a, b] = [splitTextSource(splitLines("a\n")), splitTextSource(splitLines("b\n"))];
 * buildHunks(a, b, [{ oldStart: 0, oldEnd: 1, newStart: 0, newEnd: 1 }])
 * // { hunks: [{ oldStart: 1, oldLines: 1, newStart: 1, newLines: 1, lines: ["-a", "+b"] }], additions: 1, deletions: 1 }
 */
export function buildHunks(
  oldSource: LineSource,
  newSource: LineSource,
  changes: readonly LineChange[],
  context: number = DEFAULT_CONTEXT,
): HunkResult {
  const n1 = oldSource.count;
  const n2 = newSource.count;
  const oldMarkAt = oldSource.missingFinalNewline ? n1 - 1 : -1;
  const newMarkAt = newSource.missingFinalNewline ? n2 - 1 : -1;
  const ctx = Math.max(0, Math.floor(context));
  const maxCommon = 2 * ctx;

  const hunks: Hunk[] = [];
  let additions = 0;
  let deletions = 0;

  for (let k = 0; k < changes.length; ) {
    // xdl_get_hunk(): extend the hunk while the next change is close enough.
    let j = k;
    while (j + 1 < changes.length && changes[j + 1]!.oldStart - changes[j]!.oldEnd <= maxCommon) j++;
    const first = changes[k]!;
    const last = changes[j]!;

    const s1 = Math.max(first.oldStart - ctx, 0);
    const s2 = Math.max(first.newStart - ctx, 0);
    const postContext = Math.min(ctx, n1 - last.oldEnd, n2 - last.newEnd);
    const e1 = last.oldEnd + postContext;
    const e2 = last.newEnd + postContext;

    const lines: string[] = [];
    let p2 = s2;
    for (let c = k; c <= j; c++) {
      const change = changes[c]!;
      for (; p2 < change.newStart; p2++) {
        lines.push(` ${newSource.line(p2)}`);
        if (p2 === newMarkAt) lines.push(NO_NEWLINE_MARKER);
      }
      for (let i = change.oldStart; i < change.oldEnd; i++) {
        lines.push(`-${oldSource.line(i)}`);
        if (i === oldMarkAt) lines.push(NO_NEWLINE_MARKER);
      }
      for (let i = change.newStart; i < change.newEnd; i++) {
        lines.push(`+${newSource.line(i)}`);
        if (i === newMarkAt) lines.push(NO_NEWLINE_MARKER);
      }
      deletions += change.oldEnd - change.oldStart;
      additions += change.newEnd - change.newStart;
      p2 = change.newEnd;
    }
    for (; p2 < e2; p2++) {
      lines.push(` ${newSource.line(p2)}`);
      if (p2 === newMarkAt) lines.push(NO_NEWLINE_MARKER);
    }

    hunks.push({
      oldStart: e1 > s1 ? s1 + 1 : s1,
      oldLines: e1 - s1,
      newStart: e2 > s2 ? s2 + 1 : s2,
      newLines: e2 - s2,
      lines,
    });
    k = j + 1;
  }
  return { hunks, additions, deletions };
}

/**
 * Formats a hunk header the way git does: a count of 1 is left out.
 *
 * @example
 * formatHunkHeader({ oldStart: 0, oldLines: 0, newStart: 1, newLines: 1, lines: [] }) // "@@ -0,0 +1 @@"
 */
export function formatHunkHeader(hunk: Hunk): string {
  const oldRange = hunk.oldLines === 1 ? `${hunk.oldStart}` : `${hunk.oldStart},${hunk.oldLines}`;
  const newRange = hunk.newLines === 1 ? `${hunk.newStart}` : `${hunk.newStart},${hunk.newLines}`;
  return `@@ -${oldRange} +${newRange} @@`;
}
