import "server-only";
import { createHash } from "node:crypto";
import { processGlobal } from "../cache/process-global";
import type { Ecosystem } from "../registry/ecosystem";
import { encodeIndex, type IndexSection } from "./index-format";
import { searchableEcosystems } from "./searchable";

/** The index as served: one immutable, content-addressed file. */
export interface IndexAsset {
  /** Hex content hash; part of the URL, so the URL's content never changes. */
  hash: string;
  /** `/api/v1/search/index/<hash>` */
  path: string;
  raw: Buffer;
  names: number;
  /** Ecosystems whose names could not be had for this build (each named in the log). */
  missing: string[];
}

/** The names are gathered again after this long: a new served name or repository package shows up then. */
const REBUILD_AFTER_MS = 10 * 60_000;
/** After an ecosystem's names failed, the next request tries again after this long. */
const RETRY_AFTER_MS = 60_000;

interface State {
  asset?: { value: IndexAsset; builtAt: number };
  building?: Promise<IndexAsset>;
}

function state(): State {
  return processGlobal<State>("pkgdiff.searchIndex", () => ({}));
}

/**
 * Every searchable ecosystem's names (lib/registry/<id>/search.ts), as one
 * gzip-ready asset. Built on first use and again when asked 10 minutes
 * later (1 minute when an ecosystem's names failed last time); the hash
 * only changes when the names did. An ecosystem whose names fail is left
 * out of that build, the others are served; when every one fails, so does
 * this.
 */
export async function currentIndexAsset(now = Date.now()): Promise<IndexAsset> {
  const s = state();
  const ttl = s.asset?.value.missing.length ? RETRY_AFTER_MS : REBUILD_AFTER_MS;
  if (s.asset && now - s.asset.builtAt < ttl) return s.asset.value;
  s.building ??= gather(searchableEcosystems())
    .then((sections) => {
      const value = buildIndexAsset(sections.ok, sections.missing);
      s.asset = { value, builtAt: now };
      return value;
    })
    .finally(() => {
      s.building = undefined;
    });
  return s.building;
}

async function gather(ecosystems: readonly Ecosystem[]): Promise<{ ok: IndexSection[]; missing: string[] }> {
  const settled = await Promise.allSettled(ecosystems.map((e) => e.search.indexNames()));
  const ok: IndexSection[] = [];
  const missing: string[] = [];
  const errors: unknown[] = [];
  settled.forEach((result, i) => {
    const id = ecosystems[i]?.id ?? "";
    if (result.status === "fulfilled") ok.push({ ecosystem: id, names: result.value });
    else {
      missing.push(id);
      errors.push(result.reason);
      console.error(`search: the ${id} names could not be had for the index: ${result.reason instanceof Error ? result.reason.message : String(result.reason)}`);
    }
  });
  if (ok.length === 0 && errors.length > 0) throw errors[0];
  return { ok, missing };
}

/**
 * @example
 * buildIndexAsset([{ ecosystem: "npm", names: ["react", "left-pad"] }, { ecosystem: "hex", names: ["decimal"] }]).names; // 3
 */
export function buildIndexAsset(sections: readonly IndexSection[], missing: string[] = []): IndexAsset {
  const unique = sections.map((s) => ({ ecosystem: s.ecosystem, names: [...new Set(s.names)] }));
  const raw = Buffer.from(encodeIndex(unique), "utf8");
  const hash = createHash("sha256").update(raw).digest("hex").slice(0, 16);
  const names = unique.reduce((sum, s) => sum + s.names.length, 0);
  return { hash, path: `/api/v1/search/index/${hash}`, raw, names, missing };
}
