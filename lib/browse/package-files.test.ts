import { describe, expect, it } from "vitest";
import type { PackageEntry, PackageTree } from "../tarball/types";
import { defaultFile, fallbackPath, fileListOf, listFolder, lookupPath } from "./package-files";

function tree(files: Record<string, string>, links: Record<string, string> = {}): PackageTree {
  const entries = new Map<string, PackageEntry>();
  for (const [path, text] of Object.entries(files)) {
    entries.set(path, { kind: "file", path, mode: path.startsWith("bin/") ? 0o755 : 0o644, bytes: new TextEncoder().encode(text), binary: false });
  }
  for (const [path, target] of Object.entries(links)) {
    entries.set(path, { kind: "symlink", path, mode: 0o777, linkTarget: target, tarType: "symlink" });
  }
  const sorted = new Map([...entries].sort(([a], [b]) => (a < b ? -1 : 1)));
  return { entries: sorted, unpackedBytes: 0 };
}

const pkg = tree(
  { "package.json": "{}", "README.md": "# hi", "lib/a.js": "aa", "lib/deep/b.js": "bbb", "bin/cli.js": "c", "docs/readme.txt": "x" },
  { "lib/link.js": "a.js" },
);

describe("lookupPath", () => {
  it("tells folders, files, special entries and missing paths apart", () => {
    expect(lookupPath(pkg, "").kind).toBe("folder");
    expect(lookupPath(pkg, "lib/deep").kind).toBe("folder");
    expect(lookupPath(pkg, "lib/a.js").kind).toBe("file");
    expect(lookupPath(pkg, "lib/link.js").kind).toBe("special");
    expect(lookupPath(pkg, "lib/nope.js").kind).toBe("missing");
    expect(lookupPath(pkg, "li").kind).toBe("missing");
  });
});

describe("fallbackPath", () => {
  it("keeps a path that exists", () => {
    expect(fallbackPath(pkg, "lib/deep/b.js")).toBe("lib/deep/b.js");
    expect(fallbackPath(pkg, "lib/deep")).toBe("lib/deep");
  });
  it("falls back to the nearest existing folder, then the root", () => {
    expect(fallbackPath(pkg, "lib/deep/gone.js")).toBe("lib/deep");
    expect(fallbackPath(pkg, "lib/gone/deeper/x.js")).toBe("lib");
    expect(fallbackPath(pkg, "gone/x.js")).toBe("");
    expect(fallbackPath(pkg, "gone.js")).toBe("");
  });
});

describe("defaultFile", () => {
  it("is the README, else package.json at the root only", () => {
    expect(defaultFile(pkg, "")?.path).toBe("README.md");
    expect(defaultFile(pkg, "docs")?.path).toBe("docs/readme.txt");
    expect(defaultFile(pkg, "lib")).toBeUndefined();
    expect(defaultFile(tree({ "package.json": "{}", "index.js": "" }), "")?.path).toBe("package.json");
  });
});

describe("listFolder and fileListOf", () => {
  it("lists folders first with totals, then files with sizes", () => {
    const listing = listFolder(pkg, "lib");
    expect(listing.folders).toEqual([{ path: "lib/deep", name: "deep", bytes: 3, files: 1 }]);
    expect(listing.files.map((f) => [f.name, f.size, f.kind])).toEqual([
      ["a.js", 2, "file"],
      ["link.js", 0, "symlink"],
    ]);
    expect(listing.files[1]?.linkTarget).toBe("a.js");
    expect(listFolder(pkg, "bin").files[0]?.executable).toBe(true);
  });

  it("gives the browser every path with its size (-1 for links)", () => {
    const list = fileListOf(pkg);
    expect(list.paths).toContain("lib/deep/b.js");
    expect(list.sizes[list.paths.indexOf("lib/deep/b.js")]).toBe(3);
    expect(list.sizes[list.paths.indexOf("lib/link.js")]).toBe(-1);
  });
});
