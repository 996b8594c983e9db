import { describe, expect, it } from "vitest";
import { npmEcosystem } from "../registry/npm/ecosystem";
import { hexEcosystem } from "../registry/hex/ecosystem";
import { EnginePool } from "../workers/pool";
import { diffTreesPooled } from "../workers/pooled";
import { workerPoolForTests } from "../workers/test-fixtures";
import { obfuscatedBundle, reviewFixture, SCENARIOS } from "./test-fixtures";
import { summarize } from "./summarize";
import type { ReviewInput } from "./types";

const pool = workerPoolForTests(1);
const OPTIONS = { maxFileBytes: 1 << 20, budgetMs: 5_000 };

/** A fixture with something for every part of the scan: patterns, hosts, a long line, an added bundle, removed lines that offset. */
function busyUpgrade(): ReviewInput {
  return reviewFixture(
    { manifest: {}, files: { "a.js": "const x = 1;\neval(old);\n", "lib/net.js": "module.exports = 0;\n" } },
    {
      manifest: { scripts: { postinstall: "node bundle.js" } },
      files: {
        "a.js": "const x = 1;\neval(old);\neval(input);\nrequire('child_process');\n",
        "lib/net.js": `module.exports = fetch("https://collector.example.net/x");\nconst blob = "${"q".repeat(1_200)}";\n`,
        "bundle.js": obfuscatedBundle(),
      },
    },
  );
}

/** The input's trees diffed in `runner`, each file scanned there with the ecosystem's scan task; the scans kept apart. */
async function scanned(runner: Parameters<typeof diffTreesPooled>[0], input: ReviewInput, ecosystem = npmEcosystem) {
  return diffTreesPooled(runner, input.from.tree, input.to.tree, OPTIONS, { scan: ecosystem.scanFiles, batchFiles: 1 });
}

describe("scanFilesTask", () => {
  it("scans in the worker what summarize() would scan itself: the same summary", async () => {
    for (const input of [busyUpgrade(), SCENARIOS.postinstallWithBundle(), SCENARIOS.evalAddedAndExisting(), SCENARIOS.nothingOfNote()]) {
      const { files, scans } = await scanned(pool(), input);
      expect(files).toEqual(input.files);
      const here = summarize({ ...input, files });
      expect(summarize({ ...input, files, scans })).toEqual(here);
    }
    const { scans } = await scanned(pool(), busyUpgrade());
    // Something was found in the worker (and crossed the thread boundary as data).
    expect([...scans.values()].filter((scan) => typeof scan === "object").length).toBeGreaterThanOrEqual(3);
  });

  it("uses the scans it is handed instead of scanning again", async () => {
    const input = SCENARIOS.nothingOfNote();
    const { files, scans } = await scanned(new EnginePool({ size: 0 }), input);
    const index = files.findIndex((file) => file.path === "index.js");
    expect(index).toBeGreaterThanOrEqual(0);
    // A scan that says the file gained an eval (detector 0 is the table's first pattern): only a summary that reads it reports one.
    const claimed = new Map(scans).set(files[index]!, { tallies: [[0, { added: 1, removed: 0, lines: [1] }]], along: [], hosts: [] });
    const kind = npmEcosystem.review.patterns[0]!.kind;
    expect(summarize({ ...input, files }).findings.map((f) => f.kind)).not.toContain(kind);
    expect(summarize({ ...input, files, scans: claimed }).findings.map((f) => f.kind)).toContain(kind);
  });

  it("scans with each ecosystem's own rules", async () => {
    const input = reviewFixture(
      { files: { "lib/a.ex": "defmodule A do\nend\n" } },
      { files: { "lib/a.ex": 'defmodule A do\n  def run(cmd), do: System.cmd(cmd, [])\nend\n' } },
      { ecosystem: hexEcosystem },
    );
    const { files, scans } = await scanned(pool(), input, hexEcosystem);
    expect(summarize({ ...input, files, scans })).toEqual(summarize({ ...input, files }));
    expect([...scans.values()].some((scan) => typeof scan === "object")).toBe(true);
  });
});
