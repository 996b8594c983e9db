import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FixturePackage } from "../fixtures/types";
import type { BenchPair } from "./pairs";
import { runCommand } from "./proc";

/** bench/.data: downloads and unpacked trees, kept between runs (gitignored). */
export const DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), ".data");
export const TARBALL_DIR = path.join(DATA_DIR, "tarballs");
export const TREE_DIR = path.join(DATA_DIR, "trees");

export function tarballPath(name: string, version: string): string {
  // Scoped names carry a "/", which must not become a folder.
  return path.join(TARBALL_DIR, `${name.replace(/^@/, "").replace("/", "-")}-${version}.tgz`);
}

/** The folder name under trees/ (the cwd of git diff, so its output paths stay short). */
export function treeName(name: string, version: string): string {
  return `${name.replace(/^@/, "").replace("/", "-")}-${version}`;
}

export function treePath(name: string, version: string): string {
  return path.join(TREE_DIR, treeName(name, version));
}

/**
 * Downloads a tarball once with `npm pack`, which asks whichever registry the
 * user's npm is configured with (and its auth), so no host is named here.
 */
export async function ensureTarball(name: string, version: string): Promise<string> {
  const target = tarballPath(name, version);
  if (existsSync(target)) return target;
  const staging = path.join(TARBALL_DIR, `.staging-${process.pid}`);
  await mkdir(staging, { recursive: true });
  try {
    const { stdout } = await runCommand(
      "npm",
      ["pack", `${name}@${version}`, "--pack-destination", staging, "--json", "--silent"],
      { stdout: "capture" },
    );
    const filename = packedFilename(stdout);
    // Rename into place last, so an interrupted download is never taken for a tarball.
    await rename(path.join(staging, filename), target);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return target;
}

/** `npm pack --json` prints `[{ "filename": "react-18.2.0.tgz", ... }]`. */
function packedFilename(json: string): string {
  const parsed: unknown = JSON.parse(json);
  const first: unknown = Array.isArray(parsed) ? parsed[0] : undefined;
  if (typeof first === "object" && first !== null && "filename" in first && typeof first.filename === "string") {
    // npm 7+ reports scoped files as "@scope/name-1.0.0.tgz" but writes "scope-name-1.0.0.tgz".
    return first.filename.replace(/^@/, "").replace("/", "-");
  }
  throw new Error(`npm pack printed no filename: ${json.slice(0, 200)}`);
}

/**
 * `tar xzf` into `dir`, dropping the top folder whatever its name ("package"
 * for most npm tarballs, but not all). The same command is what the
 * tar+git baseline times.
 */
export function tarArgs(tgz: string, dir: string): string[] {
  return ["xzf", tgz, "-C", dir, "--strip-components=1", "--no-same-owner"];
}

export async function unpackWithTar(tgz: string, dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await runCommand("tar", tarArgs(tgz, dir));
}

/** Tarballs and unpacked trees of both sides of `pair`, fetched and unpacked on first use. */
export interface PairData {
  oldTgz: string;
  newTgz: string;
  oldTree: string;
  newTree: string;
}

export async function ensurePairData(pair: BenchPair): Promise<PairData> {
  await mkdir(TARBALL_DIR, { recursive: true });
  await mkdir(TREE_DIR, { recursive: true });
  const oldTgz = await ensureTarball(pair.name, pair.from);
  const newTgz = await ensureTarball(pair.name, pair.to);
  const oldTree = await ensureTree(oldTgz, pair.name, pair.from);
  const newTree = await ensureTree(newTgz, pair.name, pair.to);
  return { oldTgz, newTgz, oldTree, newTree };
}

async function ensureTree(tgz: string, name: string, version: string): Promise<string> {
  const dir = treePath(name, version);
  const done = path.join(TREE_DIR, `.${treeName(name, version)}.done`);
  // The marker is written after tar succeeds, so a half-unpacked tree is redone.
  if (existsSync(done)) return dir;
  await unpackWithTar(tgz, dir);
  await writeFile(done, "");
  return dir;
}

/**
 * A pair's two published tarballs (`npm pack`, once) as a fixture-registry
 * package, served as published: `from` then `to`, `to` tagged latest.
 */
export async function realPackage(pair: BenchPair): Promise<FixturePackage> {
  const versions = [];
  for (const [i, version] of [pair.from, pair.to].entries()) {
    const bytes = await readFile(await ensureTarball(pair.name, version));
    versions.push({ version, time: `2024-0${i + 1}-01T00:00:00.000Z`, files: [], tarball: async () => bytes });
  }
  return { name: pair.name, distTags: { latest: pair.to }, versions };
}
