import { describe, expect, it } from "vitest";
import { ancestorsOf, compareNames, indexFolders, parentOf } from "./folders";

describe("indexFolders", () => {
  it("derives every folder and sorts folders and files by name, case-insensitively", () => {
    const paths = ["lib/b.js", "README.md", "lib/util/x.js", "index.js", "lib/A.js", "bin/cli.js"];
    const folders = indexFolders(paths);
    expect([...folders.keys()].sort()).toEqual(["", "bin", "lib", "lib/util"]);
    expect(folders.get("")).toEqual({ folders: ["bin", "lib"], files: [3, 1] });
    expect(folders.get("lib")?.files.map((i) => paths[i])).toEqual(["lib/A.js", "lib/b.js"]);
    expect(folders.get("lib")?.folders).toEqual(["lib/util"]);
  });

  it("has a root even for no files", () => {
    expect(indexFolders([]).get("")).toEqual({ folders: [], files: [] });
  });
});

describe("path helpers", () => {
  it("parentOf / ancestorsOf", () => {
    expect(parentOf("a/b/c.js")).toBe("a/b");
    expect(parentOf("c.js")).toBe("");
    expect(ancestorsOf("a/b/c.js")).toEqual(["a", "a/b"]);
    expect(ancestorsOf("c.js")).toEqual([]);
  });

  it("compareNames is deterministic for names differing only in case", () => {
    expect(["b", "B", "a", "A"].sort(compareNames)).toEqual(["A", "a", "B", "b"]);
  });
});
