import { describe, expect, it } from "vitest";

import { highEntropyStrings, shannonEntropy } from "./entropy";
import { randomBase64 } from "./test-fixtures";

describe("shannonEntropy", () => {
  it("is 0 for one symbol and log2(n) for n equally frequent ones", () => {
    expect(shannonEntropy("")).toBe(0);
    expect(shannonEntropy("aaaa")).toBe(0);
    expect(shannonEntropy("abcd")).toBe(2);
    expect(shannonEntropy(randomBase64(4000))).toBeGreaterThan(5.9);
  });
});

describe("highEntropyStrings", () => {
  it("counts long quoted runs of random-looking data", () => {
    expect(highEntropyStrings(`a = "${randomBase64(120)}", b = '${randomBase64(120, 2)}';`)).toBe(2);
  });

  it("ignores short strings, prose, repetition and hex", () => {
    expect(highEntropyStrings(`a = "${randomBase64(90)}";`)).toBe(0);
    expect(highEntropyStrings(`a = "${"The quick brown fox jumps over the lazy dog. ".repeat(4)}";`)).toBe(0);
    expect(highEntropyStrings(`a = "${"0123456789abcdef".repeat(10)}";`)).toBe(0);
  });
});
