import "server-only";
import { createHash } from "node:crypto";
import path from "node:path";
import { config } from "../config.mjs";
import { encodeIndex } from "./index-format";
import { loadPopularNames } from "./popular";
import { ServedNames } from "./served";

/** The index as served: one immutable, content-addressed file. */
export interface IndexAsset {
  /** Hex content hash; part of the URL, so the URL's content never changes. */
  hash: string;
  /** `/api/v1/search/index/<hash>` */
  path: string;
  raw: Buffer;
  names: number;
}

/** A new served name shows up in the index after at most this long. */
const REBUILD_AFTER_MS = 10 * 60_000;

interface State {
  popular?: Promise<string[]>;
  served?: ServedNames;
  asset?: { value: IndexAsset; generation: number; builtAt: number };
}

// One state per process: Next may evaluate this module once per route bundle.
const KEY = Symbol.for("pkgdiff.searchIndex");
type Holder = typeof globalThis & { [KEY]?: State };

function state(): State {
  const holder: Holder = globalThis;
  holder[KEY] ??= {};
  return holder[KEY];
}

/** The process-wide record of served packages (see `recordServedPackage`). */
export function servedNames(): ServedNames {
  const s = state();
  s.served ??= new ServedNames(path.join(config().cacheDir, "search", "served.txt"));
  return s.served;
}

/**
 * Remembers that this server served a package, so the next index build
 * (within 10 minutes, and after a restart) can find it by prefix too.
 * Cheap: a set insert, the file write is batched.
 */
export function recordServedPackage(name: string): void {
  servedNames().record(name);
}

/**
 * Popular names (SEARCH_INDEX_FILE or npm-high-impact), then served names
 * the list lacks, as one gzip-ready asset. Built on first use and rebuilt
 * when served names were added and the last build is 10 minutes old.
 */
export async function currentIndexAsset(now = Date.now()): Promise<IndexAsset> {
  const s = state();
  const served = servedNames();
  const fresh = s.asset && (s.asset.generation === served.generation || now - s.asset.builtAt < REBUILD_AFTER_MS);
  if (s.asset && fresh) return s.asset.value;
  s.popular ??= loadPopularNames(config().search.indexFile);
  let popular: string[];
  try {
    popular = await s.popular;
  } catch (error) {
    s.popular = undefined; // a missing file may appear; try again next time
    throw error;
  }
  const generation = served.generation;
  const value = buildIndexAsset(popular, served.list());
  s.asset = { value, generation, builtAt: now };
  return value;
}

/**
 * @example
 * buildIndexAsset(["react"], ["left-pad"]).names; // 2
 */
export function buildIndexAsset(popular: readonly string[], served: readonly string[]): IndexAsset {
  const names = [...new Set([...popular, ...served])];
  const raw = Buffer.from(encodeIndex(names), "utf8");
  const hash = createHash("sha256").update(raw).digest("hex").slice(0, 16);
  return { hash, path: `/api/v1/search/index/${hash}`, raw, names: names.length };
}
