import { formatBytes } from "../format-bytes";
import { groupDigits } from "../format-count";

/**
 * How a diff's computation advances, as the service reports it to every
 * request that waits on it (the one that started it and those that joined):
 * each side's tarball is fetched (unless cached) and unpacked, then the
 * trees are diffed.
 */
export type DiffProgress =
  | { stage: "fetch"; name: string; version: string }
  | { stage: "unpack"; name: string; version: string; bytes: number }
  | { stage: "diff"; files: number };

/**
 * One status line for people.
 *
 * @example
 * describeProgress({ stage: "unpack", name: "react", version: "18.3.1", bytes: 421_888 }) // → "unpacking react@18.3.1 (412 KiB)…"
 * describeProgress({ stage: "diff", files: 1204 }) // → "diffing 1,204 files…"
 */
export function describeProgress(event: DiffProgress): string {
  switch (event.stage) {
    case "fetch":
      return `fetching ${event.name}@${event.version}…`;
    case "unpack":
      return `unpacking ${event.name}@${event.version} (${formatBytes(event.bytes)})…`;
    case "diff":
      return `diffing ${groupDigits(event.files)} ${event.files === 1 ? "file" : "files"}…`;
  }
}
