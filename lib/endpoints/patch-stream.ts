import { type PatchOptions, type PatchSides, needsLineWork, serializePatch } from "../diff/patch";
import type { FileDiff } from "../diff/types";
import { cutBatches } from "../workers/batches";
import { type PatchBatch, type PatchBatchTuning, patchBatches, serializePatchBatch } from "../workers/pooled-patch";
import type { TaskRunner } from "../workers/pooled";
import { orderedStream } from "./ordered-stream";

/** What the patch is written from: a diff's files and its two trees. */
export interface PatchSource {
  files: readonly FileDiff[];
  sides: PatchSides;
  options: PatchOptions;
  /** Files whose section is already written (by the diff's workers: PatchDiff.sections), streamed as they are. */
  sections?: ReadonlyMap<FileDiff, Uint8Array>;
}

/** Options of patchBody(). */
export interface PatchBodyOptions extends PatchBatchTuning {
  /** Batches started beyond what the client has read (default 2). */
  ahead?: number;
  /**
   * A patch of one batch whose files read at most this many bytes, with no
   * file to diff again, is written on this thread (default 64 KiB).
   * Measured on 2 cores: a pool round trip costs 0.25–0.4 ms for such a
   * batch, writing it here 0.1–0.15 ms (a 360 KiB one: 1.1 ms against
   * 0.45 ms, but that is main-thread time that grows with the patch).
   */
  inlineBytes?: number;
}

const DEFAULT_INLINE_BYTES = 64 * 1024;

/** Patch streams started by this process: each names its pool lane. */
let streams = 0;

/**
 * The body of a `.patch` response: serializePatch()'s output, byte for
 * byte, either as one string (a small patch, written here) or as a stream
 * of batches serialized in the pool's workers — and of the sections the
 * source already holds — in order, each sent as soon as it and those
 * before it are done. The stream keeps at most `ahead`
 * batches in the making beyond what the client has read, and a client that
 * goes away stops further batches.
 *
 * @example
 * const body = patchBody(getEnginePool(), { files: diff.files, sides: await diff.trees(), options: {} });
 * return new Response(body, { headers });
 */
export function patchBody(pool: TaskRunner, source: PatchSource, opts: PatchBodyOptions = {}): string | ReadableStream<Uint8Array> {
  const { files, sides, options, sections } = source;
  const batches = patchBatches(files, sides, opts);
  const only = batches[0];
  if (batches.length <= 1 && (only === undefined || (only.bytes <= (opts.inlineBytes ?? DEFAULT_INLINE_BYTES) && !only.files.some((file) => needsLineWork(file, options))))) {
    return serializePatch(files, sides, options);
  }
  // A lane of its own in the pool's queue: the next batch waits for one task of each other lane, not a page's whole backlog.
  const lane = `patch ${++streams}`;
  const parts = sections?.size ? writtenAndBatched(files, sections, opts, (run) => patchBatches(run, sides, opts)) : batches.map((batch) => ({ batch: batch.files }));
  return orderedStream(parts.length, (i) => {
    const part = parts[i]!;
    return "written" in part ? Promise.resolve(concatBytes(part.written)) : serializePatchBatch(pool, part.batch, sides, options, { lane });
  }, {
    ahead: opts.ahead,
    // The 200 and part of the patch are out: the connection is cut, so the client sees a truncated transfer, never a short patch.
    onError: (error) => console.error("the .patch stream failed part-way:", error),
  });
}

/** A part of the patch: sections written already, or a batch of files to serialize in the pool. */
type Part = { written: Uint8Array[] } | { batch: FileDiff[] };

/**
 * The files in order as parts: runs of written sections (cut at about a
 * batch's bytes, so a big package is not thousands of tiny chunks), and
 * between them the other files, cut into batches by `cut`.
 */
function writtenAndBatched(files: readonly FileDiff[], sections: ReadonlyMap<FileDiff, Uint8Array>, tuning: PatchBatchTuning, cut: (run: FileDiff[]) => PatchBatch[]): Part[] {
  const parts: Part[] = [];
  for (const run of runsBy(files, (file) => sections.has(file))) {
    if (!sections.has(run[0]!)) {
      for (const batch of cut(run)) parts.push({ batch: batch.files });
      continue;
    }
    // Sections only cost their bytes: however many files, a run is cut by size alone.
    for (const { items } of cutBatches(run, (file) => sections.get(file)!.byteLength, { batchBytes: tuning.batchBytes, batchFiles: Infinity })) {
      parts.push({ written: items.map((file) => sections.get(file)!) });
    }
  }
  return parts;
}

/** `items` in order as runs of consecutive items for which `test` says the same. */
function runsBy<T>(items: readonly T[], test: (item: T) => boolean): T[][] {
  const runs: T[][] = [];
  items.forEach((item, i) => {
    if (i > 0 && test(item) === test(items[i - 1]!)) runs[runs.length - 1]!.push(item);
    else runs.push([item]);
  });
  return runs;
}

/** The byte arrays as one (the only one as it is). */
function concatBytes(chunks: Uint8Array[]): Uint8Array {
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}
