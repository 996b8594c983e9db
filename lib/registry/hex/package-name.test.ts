import { describe, expect, it } from "vitest";
import { parseHexPackageName } from "./package-name";
import { refusal } from "./test-helpers";

describe("parseHexPackageName", () => {
  it.each(["decimal", "phoenix_live_view", "x509", "ecto_sql", "mimerl", "a"])("accepts %j", (name) => {
    expect(parseHexPackageName(name)).toBe(name);
  });

  it.each(["Decimal", "_private", "9lives", "phoenix-live-view", "@babel/core", "a/b", "a.b", "ünicode", "", "x ", "../x"])(
    "refuses %j as bad_request",
    async (name) => {
      const error = await refusal(() => parseHexPackageName(name));
      expect(error.kind).toBe("bad_request");
      expect(error.message).toContain("is not a valid Hex package name");
    },
  );

  it("refuses an overlong name", async () => {
    expect((await refusal(() => parseHexPackageName(`a${"b".repeat(300)}`))).message).toContain("at most 255 characters");
  });
});
