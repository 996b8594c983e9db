import { describe, expect, it } from "vitest";
import { canonicalQuery, PAGE_QUERY_KEYS } from "./query";

const canonical = (query: string, keys: readonly string[] = PAGE_QUERY_KEYS.diff) => canonicalQuery(new URLSearchParams(query), keys);

describe("canonicalQuery", () => {
  it("keeps the known parameters once each, in the order given", () => {
    expect(canonical("view=split&w=1")).toBe("?view=split&w=1");
    expect(canonical("w=1&view=split")).toBe("?w=1&view=split");
    expect(canonical("view=split&utm_source=x&view=unified&cache=1")).toBe("?view=split");
    expect(canonical("x=1")).toBe("");
    expect(canonical("")).toBe("");
  });

  it("leaves values alone, so bad ones still get their 400", () => {
    expect(canonical("view=sideways")).toBe("?view=sideways");
    expect(canonical("plain=1&fallback=1&q=<script>", PAGE_QUERY_KEYS.browse)).toBe("?plain=1&fallback=1");
  });
});
