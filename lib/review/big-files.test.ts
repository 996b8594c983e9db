import { describe, expect, it } from "vitest";

import { BIG_FILE_BYTES, bigFilesRule } from "./big-files";
import { reviewFixture, runFileRule } from "./test-fixtures";

const minified = `!function(){${"a=1;".repeat(600)}}();\n`;

describe("bigFilesRule", () => {
  it("names the three largest added files, largest first", () => {
    const files = { "a.txt": "a".repeat(10), "b.txt": "b".repeat(40), "c.txt": "c".repeat(30), "d.txt": "d".repeat(20) };
    const findings = runFileRule(bigFilesRule, reviewFixture({ files: {} }, { files }));
    expect(findings).toEqual([
      {
        kind: "largest-files",
        severity: "info",
        message: "Largest new files: b.txt (40 bytes), c.txt (30 bytes), d.txt (20 bytes)",
        file: "b.txt",
        anchors: ["file-b.txt", "file-c.txt", "file-d.txt"],
        data: {
          files: [
            { path: "b.txt", size: 40 },
            { path: "c.txt", size: 30 },
            { path: "d.txt", size: 20 },
          ],
        },
      },
    ]);
  });

  it("flags added files over 1 MiB, not one of exactly 1 MiB, nor a changed big file", () => {
    const input = reviewFixture(
      { files: { "old.bin": new Uint8Array(BIG_FILE_BYTES + 10) } },
      { files: { "old.bin": new Uint8Array(BIG_FILE_BYTES + 11), "big.bin": new Uint8Array(BIG_FILE_BYTES + 1), "edge.bin": new Uint8Array(BIG_FILE_BYTES) } },
    );
    const big = runFileRule(bigFilesRule, input).filter((f) => f.kind === "big-file");
    expect(big.map((f) => [f.severity, f.message])).toEqual([["notice", "Big new file: big.bin (1 MiB)"]]);
  });

  it("flags minified code added to a package that had none, not to one that had some", () => {
    const none = reviewFixture({ files: { "index.js": "module.exports = 1;\n" } }, { files: { "index.js": "module.exports = 1;\n", "dist/x.js": minified } });
    expect(runFileRule(bigFilesRule, none).map((f) => f.kind)).toEqual(["minified-added", "largest-files"]);
    const some = reviewFixture({ files: { "dist/old.js": minified } }, { files: { "dist/old.js": minified, "dist/x.js": minified } });
    expect(runFileRule(bigFilesRule, some).map((f) => f.kind)).toEqual(["largest-files"]);
  });
});
