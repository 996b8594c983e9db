import { describe, expect, it } from "vitest";
import { fileAnchor, scopedAnchor } from "./anchors";

describe("scopedAnchor", () => {
  it("puts a diff's scope before the path of a file or line anchor", () => {
    expect(scopedAnchor(fileAnchor("package.json"), "react@18.2.0..18.3.1")).toBe("file-react@18.2.0..18.3.1/package.json");
    expect(scopedAnchor("file-lib/a.js-R12-R20", "@babel/core@7.0.0..7.1.0")).toBe("file-@babel/core@7.0.0..7.1.0/lib/a.js-R12-R20");
    expect(scopedAnchor(fileAnchor("a b.js"), "hex:decimal@2.1.0..2.1.1")).toBe("file-hex:decimal@2.1.0..2.1.1/a%20b.js");
  });

  it("leaves an anchor alone without a scope, and one that is not a file's", () => {
    expect(scopedAnchor("file-index.js", undefined)).toBe("file-index.js");
    expect(scopedAnchor("file-index.js", "")).toBe("file-index.js");
    expect(scopedAnchor("review", "react@18.2.0..18.3.1")).toBe("review");
  });
});
