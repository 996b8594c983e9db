/** What kind of native executable a file's first bytes say it is. */
export type NativeFormat = "node-addon" | "elf" | "mach-o" | "pe";

/** Java class files share Mach-O fat's 0xCAFEBABE; their next word (a class-file version ≥ 45) tells them apart. */
const FIRST_JAVA_CLASS_VERSION = 45;

function u32be(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

function u32le(bytes: Uint8Array, at: number): number {
  return ((bytes[at + 3]! << 24) | (bytes[at + 2]! << 16) | (bytes[at + 1]! << 8) | bytes[at]!) >>> 0;
}

const MACH_O_THIN = new Set([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe]);

/**
 * The native format of a file, by its `.node` name or its magic bytes:
 * ELF (`\x7fELF`), Mach-O (32/64-bit, both byte orders, and fat), PE
 * (`MZ` whose header points at `PE\0\0`). Undefined for anything else.
 *
 * @example
 * nativeFormat("build/Release/addon.node", bytes) // → "node-addon"
 * nativeFormat("bin/tool", Uint8Array.of(0x7f, 0x45, 0x4c, 0x46, 2, 1)) // → "elf"
 * nativeFormat("README", new TextEncoder().encode("MZ is a text")) // → undefined
 */
export function nativeFormat(path: string, bytes: Uint8Array): NativeFormat | undefined {
  if (path.endsWith(".node")) return "node-addon";
  if (bytes.length < 4) return undefined;
  const magic = u32be(bytes, 0);
  if (magic === 0x7f454c46) return "elf";
  if (MACH_O_THIN.has(magic)) return "mach-o";
  // Fat (universal) binaries: 0xCAFEBABE / 0xCAFEBABF, big-endian, then the architecture count.
  if ((magic === 0xcafebabe || magic === 0xcafebabf) && bytes.length >= 8 && u32be(bytes, 4) < FIRST_JAVA_CLASS_VERSION) {
    return "mach-o";
  }
  if (bytes[0] === 0x4d && bytes[1] === 0x5a && bytes.length >= 0x40) {
    // e_lfanew at 0x3C: where the "PE\0\0" signature sits in a real executable.
    const peAt = u32le(bytes, 0x3c);
    if (peAt + 4 <= bytes.length && u32be(bytes, peAt) === 0x50450000) return "pe";
  }
  return undefined;
}

/** Names for messages. */
export const NATIVE_LABEL: Record<NativeFormat, string> = {
  "node-addon": "native Node.js addon",
  elf: "ELF executable",
  "mach-o": "Mach-O executable",
  pe: "Windows executable",
};
