import { describe, expect, it } from "vitest";

import { nativeFormat } from "./native-files";

function withHead(head: number[], length = 64): Uint8Array {
  const bytes = new Uint8Array(length);
  bytes.set(head);
  return bytes;
}

describe("nativeFormat", () => {
  it("knows .node addons by name", () => {
    expect(nativeFormat("build/Release/addon.node", new Uint8Array())).toBe("node-addon");
    expect(nativeFormat("notes.node.md", new Uint8Array())).toBeUndefined();
  });

  it("reads ELF and every Mach-O magic", () => {
    expect(nativeFormat("bin/x", withHead([0x7f, 0x45, 0x4c, 0x46]))).toBe("elf");
    for (const magic of [
      [0xfe, 0xed, 0xfa, 0xce],
      [0xfe, 0xed, 0xfa, 0xcf],
      [0xce, 0xfa, 0xed, 0xfe],
      [0xcf, 0xfa, 0xed, 0xfe],
    ]) {
      expect(nativeFormat("bin/x", withHead(magic))).toBe("mach-o");
    }
  });

  it("tells a fat Mach-O (few architectures) from a Java class file (version ≥ 45)", () => {
    expect(nativeFormat("bin/x", withHead([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2]))).toBe("mach-o");
    expect(nativeFormat("A.class", withHead([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 52]))).toBeUndefined();
  });

  it("wants a PE signature where the MZ header points, not just MZ", () => {
    const pe = withHead([0x4d, 0x5a], 0x90);
    pe.set([0x80, 0, 0, 0], 0x3c);
    pe.set([0x50, 0x45, 0, 0], 0x80);
    expect(nativeFormat("x.exe", pe)).toBe("pe");
    expect(nativeFormat("notes.txt", new TextEncoder().encode(`MZ is a text file that is long enough: ${"x".repeat(80)}`))).toBeUndefined();
  });

  it("ignores short and ordinary files", () => {
    expect(nativeFormat("a", Uint8Array.of(0x7f, 0x45))).toBeUndefined();
    expect(nativeFormat("a.js", new TextEncoder().encode("module.exports = 1;\n"))).toBeUndefined();
  });
});
