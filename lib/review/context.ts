import type { FileDiff } from "../diff/types";
import type { PackageFile, PackageTree } from "../tarball/types";
import type { EcosystemRules } from "./rules";
import { type Manifest, readManifest } from "./manifest";
import type { Finding, ReviewInput } from "./types";

/** What every rule may read: the input, the ecosystem's table and both manifests, parsed once. */
export interface ReviewContext {
  readonly input: ReviewInput;
  readonly rules: EcosystemRules;
  readonly oldManifest: Manifest | undefined;
  readonly newManifest: Manifest | undefined;
  /** The diff's files by (new) path. */
  readonly diffs: ReadonlyMap<string, FileDiff>;
}

/**
 * A rule that looks at each changed file once, during summarize()'s single
 * pass over the diff, and says what it found at the end.
 */
export interface FileRule {
  visit(file: FileDiff): void;
  finish(): Finding[];
}

function fileAt(tree: PackageTree, path: string): PackageFile | undefined {
  const entry = tree.entries.get(path);
  return entry?.kind === "file" ? entry : undefined;
}

/** The file's old side (under its old path when renamed), when it is a regular file. */
export function oldFileOf(context: ReviewContext, file: FileDiff): PackageFile | undefined {
  if (file.status === "added") return undefined;
  return fileAt(context.input.from.tree, file.oldPath ?? file.path);
}

/** The file's new side, when it is a regular file. */
export function newFileOf(context: ReviewContext, file: FileDiff): PackageFile | undefined {
  if (file.status === "removed") return undefined;
  return fileAt(context.input.to.tree, file.path);
}

/** The context of one summary: both manifests parsed once, the files indexed by path. */
export function createReviewContext(input: ReviewInput): ReviewContext {
  const { rules } = input;
  return {
    input,
    rules,
    oldManifest: rules.manifestPath ? readManifest(input.from.tree, rules.manifestPath) : undefined,
    newManifest: rules.manifestPath ? readManifest(input.to.tree, rules.manifestPath) : undefined,
    diffs: new Map(input.files.map((file) => [file.path, file])),
  };
}
