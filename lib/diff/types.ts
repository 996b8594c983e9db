/**
 * The diff model. Stored and cached as data (never HTML): per-file hunks whose
 * lines keep their unified-diff prefix, so the patch serializer and the
 * viewer read the same thing.
 */
export type FileStatus = "added" | "removed" | "modified" | "renamed" | "binary";

export interface Hunk {
  /** 1-based first line on the old side (0 when the old side is empty). */
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /**
   * Lines with their prefix: " " context, "-" removed, "+" added, or the
   * marker "\\ No newline at end of file" after the line it applies to.
   * Line text has no trailing "\n".
   */
  lines: string[];
}

/** Why a file's hunks are absent. */
export type SkipReason =
  | "binary" // binary content: sizes only
  | "too_large" // over the per-file size limit
  | "budget" // the diff took longer than its time budget
  | "collapsed"; // generated/minified/lock file, computed on request

export type CollapseReason = "source-map" | "minified" | "lockfile";

export interface FileDiff {
  /** New path (old path for removed files). */
  path: string;
  /** Set when status is "renamed". */
  oldPath?: string;
  status: FileStatus;
  binary: boolean;
  /** Unix permission bits; absent on the side where the file does not exist. */
  oldMode?: number;
  newMode?: number;
  oldSize: number;
  newSize: number;
  additions: number;
  deletions: number;
  /** Present unless `skipped` says why not. */
  hunks?: Hunk[];
  skipped?: SkipReason;
  /**
   * Source maps, minified and lock files: diffed (it is cheap) but collapsed
   * in the viewer, where rendering them is what costs.
   */
  collapsed?: CollapseReason;
  /** Symlink and other special entries: a one-line description of the change. */
  note?: string;
}

export interface DiffTotals {
  files: number;
  additions: number;
  deletions: number;
}
