import { file, seededRandom, tree } from "../diff/test-helpers";
import { diffTrees } from "../diff/tree-diff";
import type { PackageEntry } from "../tarball/types";
import { type FileRule, type ReviewContext, createReviewContext } from "./context";
import type { Ecosystem } from "../registry/ecosystem";
import { npmEcosystem } from "../registry/npm/ecosystem";
import { diffPath } from "../routes/diff-path";
import type { Finding, ReleaseMeta, ReviewInput } from "./types";

/**
 * Test fixtures for the review: two package trees built in memory and
 * diffed by the real engine (diffTrees), so hunks, line numbers and
 * skipped files are what the service would hand to summarize().
 */

/** A file's content, or content with a mode (e.g. 0o755). */
export type FixtureFile = string | Uint8Array | { content: string | Uint8Array; mode: number };

export interface FixtureSide {
  version?: string;
  /** package.json, written pretty-printed (two spaces) like npm does. */
  manifest?: Record<string, unknown>;
  files?: Record<string, FixtureFile>;
  meta?: ReleaseMeta;
}

export interface FixtureOptions {
  /** Whose review table and URL prefix the summary gets (default npm's). */
  ecosystem?: Pick<Ecosystem, "review" | "urlPrefix">;
  name?: string;
  /** diffTrees' per-file size limit (default 1 MiB): set it low to get `skipped: "too_large"` files. */
  maxFileBytes?: number;
}

/** package.json text as npm writes it. */
export function manifestText(manifest: Record<string, unknown>): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function entries(side: FixtureSide, name: string): PackageEntry[] {
  const list: PackageEntry[] = [];
  if (side.manifest) list.push(file("package.json", manifestText({ name, version: side.version ?? "1.0.0", ...side.manifest })));
  for (const [path, content] of Object.entries(side.files ?? {})) {
    list.push(typeof content === "object" && "mode" in content ? file(path, content.content, content.mode) : file(path, content));
  }
  return list;
}

/**
 * A ReviewInput for two versions described by their files, manifests and
 * registry metadata.
 *
 * @example
 * const input = reviewFixture({ manifest: {} }, { manifest: { scripts: { postinstall: "node x.js" } }, files: { "x.js": "…" } });
 * summarize(input).findings[0].kind // → "install-script-added"
 */
export function reviewFixture(from: FixtureSide, to: FixtureSide, options: FixtureOptions = {}): ReviewInput {
  const name = options.name ?? "demo";
  const oldTree = tree(entries({ version: "1.0.0", ...from }, name));
  const newTree = tree(entries({ version: "1.1.0", ...to }, name));
  const { files } = diffTrees(oldTree, newTree, { maxFileBytes: options.maxFileBytes ?? 1 << 20, budgetMs: 60_000 });
  return {
    rules: (options.ecosystem ?? npmEcosystem).review,
    dependencyLink: (dep, a, b) => diffPath(dep, a, b, "html", (options.ecosystem ?? npmEcosystem).urlPrefix),
    name,
    from: { version: from.version ?? "1.0.0", tree: oldTree, ...(from.meta ? { meta: from.meta } : {}) },
    to: { version: to.version ?? "1.1.0", tree: newTree, ...(to.meta ? { meta: to.meta } : {}) },
    files,
  };
}

/** Seeded pseudo-random base64, for high-entropy strings that are the same on every run. */
export function randomBase64(length: number, seed = 1): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const random = seededRandom(seed);
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

/** Code shaped like the 2025 attacks' payloads: `_0x…` names, one long line, a packed string. */
export function obfuscatedBundle(): string {
  const names = Array.from({ length: 40 }, (_, i) => `_0x${(0x1a2b3c + i * 7919).toString(16)}`);
  const body = names.map((n, i) => `var ${n}=${n === names[0] ? "[]" : `${names[i - 1]}[${i}]`};`).join("");
  return `${body}var _0x5f1e2d='${randomBase64(400)}';(function(){require('child_process');})();\n`;
}

/** Magic bytes of a 64-bit little-endian ELF, padded like a real header. */
export function elfBytes(): Uint8Array {
  const bytes = new Uint8Array(64);
  bytes.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]);
  return bytes;
}

const PROVENANCE = { url: "https://example.com/attestations/demo@1.0.0", provenance: { predicateType: "https://slsa.dev/provenance/v1" } };
const ALL_CARRIED: ReleaseMeta["carried"] = ["publishedAt", "npmUser", "trustedPublisher", "maintainers", "attestations", "repositoryUrl", "gitHead", "license"];

/** Registry metadata carrying every trust field, published by `publisher`. */
export function fullMeta(overrides: Partial<ReleaseMeta> = {}): ReleaseMeta {
  return {
    publishedAt: "2025-01-01T00:00:00.000Z",
    npmUser: { name: "alice", email: "alice@example.com" },
    maintainers: [{ name: "alice" }],
    attestations: PROVENANCE,
    repositoryUrl: "git+https://example.com/demo/demo.git",
    gitHead: "0123456789abcdef0123456789abcdef01234567",
    carried: ALL_CARRIED,
    ...overrides,
  };
}

/** The upgrades issue 12 asks a fixture for, one per finding. */
export const SCENARIOS = {
  /** Shai-Hulud's shape: a new postinstall running a new obfuscated bundle.js. */
  postinstallWithBundle: () =>
    reviewFixture(
      { manifest: { main: "index.js" }, files: { "index.js": "module.exports = 1;\n" } },
      {
        manifest: { main: "index.js", scripts: { postinstall: "node bundle.js" } },
        files: { "index.js": "module.exports = 1;\n", "bundle.js": obfuscatedBundle() },
      },
    ),
  preinstallChanged: () =>
    reviewFixture(
      { manifest: { scripts: { preinstall: "node check.js", test: "vitest" } }, files: { "check.js": "1;\n" } },
      { manifest: { scripts: { preinstall: "node setup_bun.js", test: "vitest" } }, files: { "check.js": "1;\n", "setup_bun.js": "2;\n" } },
    ),
  dependencyBumps: () =>
    reviewFixture(
      { manifest: { dependencies: { major: "^1.2.0", minor: "^1.2.0", same: "^3.0.0" } } },
      { manifest: { dependencies: { fromgit: "git+https://example.com/x/fromgit.git#v1", major: "^2.0.0", minor: "^1.3.0", same: "^3.0.0" } } },
    ),
  provenanceLost: () =>
    reviewFixture({ manifest: {}, meta: fullMeta() }, { manifest: {}, meta: fullMeta({ attestations: undefined }) }),
  publisherChanged: () =>
    reviewFixture(
      { manifest: {}, meta: fullMeta() },
      { manifest: {}, meta: fullMeta({ npmUser: { name: "mallory" }, maintainers: [{ name: "alice" }, { name: "mallory" }] }) },
    ),
  licenseChanged: () =>
    reviewFixture(
      { manifest: { license: "MIT" }, files: { LICENSE: "MIT License\n\nPermission is hereby granted…\n" } },
      { manifest: { license: "GPL-3.0-only" }, files: { LICENSE: "GNU GENERAL PUBLIC LICENSE\nVersion 3\n" } },
    ),
  nativeAddonAdded: () =>
    reviewFixture({ manifest: {} }, { manifest: {}, files: { "build/Release/addon.node": elfBytes() } }),
  evalAddedAndExisting: () =>
    reviewFixture(
      { manifest: {}, files: { "a.js": "const x = 1;\n", "b.js": "eval(code);\nconst y = 1;\n" } },
      { manifest: {}, files: { "a.js": "const x = 1;\neval(input);\n", "b.js": "eval(code);\nconst y = 2;\n" } },
    ),
  nothingOfNote: () =>
    reviewFixture(
      { manifest: { main: "index.js", dependencies: { dep: "^1.0.0" } }, files: { "index.js": "module.exports = (a) => a + 1;\n" }, meta: fullMeta() },
      {
        manifest: { main: "index.js", dependencies: { dep: "^1.0.0" } },
        files: { "index.js": "module.exports = (a) => a + 2;\n" },
        meta: fullMeta({ publishedAt: "2025-01-04T00:00:00.000Z" }),
      },
    ),
};

/** Runs one file rule over a fixture's files, as summarize() does. */
export function runFileRule(make: (context: ReviewContext) => FileRule, input: ReviewInput): Finding[] {
  const rule = make(createReviewContext(input));
  for (const diff of input.files) rule.visit(diff);
  return rule.finish();
}
