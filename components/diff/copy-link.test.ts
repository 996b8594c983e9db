import { describe, expect, it } from "vitest";
import { linkToCopy } from "./copy-link";

describe("linkToCopy", () => {
  const page = "http://localhost:3000/diff/@babel/core/7.0.0..7.1.0?view=split&w=1";

  it("keeps the page's URL and query, and a selected line or range", () => {
    expect(linkToCopy(page)).toBe(page);
    expect(linkToCopy(`${page}#file-lib/index.js-R12`)).toBe(`${page}#file-lib/index.js-R12`);
    expect(linkToCopy(`${page}#file-lib/index.js-L3-R9`)).toBe(`${page}#file-lib/index.js-L3-R9`);
  });

  it("drops any other hash", () => {
    expect(linkToCopy(`${page}#file-lib/index.js`)).toBe(page);
    expect(linkToCopy(`${page}#top`)).toBe(page);
  });
});
