import { describe, expect, it } from "vitest";
import { languageForPath } from "./language";

describe("languageForPath", () => {
  it.each([
    ["index.js", "javascript"],
    ["lib/a.d.ts", "typescript"],
    ["src/App.TSX", "tsx"],
    ["package.json", "json"],
    ["README.md", "markdown"],
    ["LICENSE", "text"],
    [".npmignore", "shellscript"],
    ["dist/x.weird", "text"],
  ])("%s → %s", (path, lang) => {
    expect(languageForPath(path)).toBe(lang);
  });
});
