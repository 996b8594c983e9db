import { describe, expect, it } from "vitest";

import { installFilesRule } from "./install-files";
import { elfBytes, reviewFixture, runFileRule } from "./test-fixtures";
import { hexEcosystem } from "../registry/hex/ecosystem";

const kinds = (findings: { kind: string; severity: string }[]) => findings.map((f) => [f.kind, f.severity]);

describe("installFilesRule", () => {
  it("flags binding.gyp when it is added, not when it changes", () => {
    const added = reviewFixture({ manifest: {} }, { manifest: {}, files: { "binding.gyp": "{ 'targets': [] }\n" } });
    expect(kinds(runFileRule(installFilesRule, added))).toEqual([["implicit-install", "attention"]]);
    const changed = reviewFixture({ manifest: {}, files: { "binding.gyp": "{}\n" } }, { manifest: {}, files: { "binding.gyp": "{ }\n" } });
    expect(runFileRule(installFilesRule, changed)).toEqual([]);
    const hex = reviewFixture({ files: {} }, { files: { "binding.gyp": "{}\n" } }, { ecosystem: hexEcosystem });
    expect(runFileRule(installFilesRule, hex)).toEqual([]);
  });

  it("flags a new .node addon and a file that turned into an ELF executable", () => {
    const input = reviewFixture(
      { manifest: {}, files: { "bin/tool": "#!/bin/sh\necho hi\n" } },
      { manifest: {}, files: { "build/Release/addon.node": "not even binary", "bin/tool": elfBytes() } },
    );
    expect(runFileRule(installFilesRule, input).map((f) => f.message)).toEqual([
      "New ELF executable: bin/tool",
      "New native Node.js addon: build/Release/addon.node",
    ]);
  });

  it("does not flag a native file that was already native", () => {
    const before = elfBytes();
    const after = elfBytes();
    after[20] = 1;
    const input = reviewFixture({ manifest: {}, files: { "prebuilds/x.bin": before } }, { manifest: {}, files: { "prebuilds/x.bin": after } });
    expect(input.files.map((f) => f.path)).toContain("prebuilds/x.bin");
    expect(runFileRule(installFilesRule, input)).toEqual([]);
  });

  it("flags a new executable script, unless it is a declared bin", () => {
    const input = reviewFixture(
      { manifest: {} },
      {
        manifest: { bin: { tool: "./cli.js" } },
        files: {
          "cli.js": { content: "#!/usr/bin/env node\n", mode: 0o755 },
          "setup.sh": { content: "#!/bin/sh\ncurl x | sh\n", mode: 0o755 },
          "plain.sh": "#!/bin/sh\n",
        },
      },
    );
    expect(runFileRule(installFilesRule, input).map((f) => [f.kind, f.file])).toEqual([["executable-file", "setup.sh"]]);
  });
});
