import { describe, expect, it } from "vitest";
import { formatBytes } from "./format-bytes";

describe("formatBytes", () => {
  it.each([
    [0, "0 bytes"],
    [1, "1 byte"],
    [1023, "1023 bytes"],
    [1024, "1 KiB"],
    [1536, "1.5 KiB"],
    [512 * 1024, "512 KiB"],
    [1024 * 1024 - 1, "1 MiB"],
    [1024 * 1024, "1 MiB"],
    [17_664 * 1024, "17.3 MiB"],
    [200 * 1024 * 1024, "200 MiB"],
    [10 * 1024 ** 3, "10 GiB"],
    [3 * 1024 ** 4, "3 TiB"],
    [2048 * 1024 ** 4, "2048 TiB"],
  ])("%i → %s", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it.each([
    [1_048_575, "1048575 bytes"],
    [1024 * 1024, "1 MiB"],
    [1536 * 1024, "1536 KiB"],
    [17_664 * 1024, "17664 KiB"],
    [200 * 1024 * 1024, "200 MiB"],
    [1, "1 byte"],
  ])("%i → %s exactly, for limits", (bytes, text) => {
    expect(formatBytes(bytes, { exact: true })).toBe(text);
  });
});
