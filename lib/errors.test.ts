import { describe, expect, it } from "vitest";
import { isPkgdiffError, PkgdiffError } from "./errors";

describe("isPkgdiffError", () => {
  it("recognises errors of this class", () => {
    expect(isPkgdiffError(new PkgdiffError("not_found", "x"))).toBe(true);
  });

  it("recognises a PkgdiffError from another bundle's copy of the class", () => {
    // What the proxy's copy of the class looks like to the app's copy.
    class OtherCopy extends Error {
      kind = "upstream";
      details = {};
      constructor() {
        super("The registry answered 500");
        this.name = "PkgdiffError";
      }
    }
    expect(isPkgdiffError(new OtherCopy())).toBe(true);
  });

  it("refuses look-alikes without a known kind, and plain errors", () => {
    const fake = Object.assign(new Error("x"), { name: "PkgdiffError", kind: "boom", details: {} });
    expect(isPkgdiffError(fake)).toBe(false);
    expect(isPkgdiffError(new Error("x"))).toBe(false);
    expect(isPkgdiffError({ name: "PkgdiffError", kind: "not_found", details: {} })).toBe(false);
  });
});
