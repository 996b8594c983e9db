import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ServedNames } from "./served";

describe("ServedNames", () => {
  it("remembers valid names across instances through its file", async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), "pkgdiff-served-")), "search", "served.txt");
    const served = new ServedNames(file);
    expect(served.list()).toEqual([]);
    served.record("left-pad");
    served.record("@scope/widget");
    served.record("left-pad");
    served.record("../evil");
    expect(served.generation).toBe(2);
    served.flush();
    expect(await readFile(file, "utf8")).toBe("left-pad\n@scope/widget\n");
    expect(new ServedNames(file).list()).toEqual(["left-pad", "@scope/widget"]);
  });

  it("ignores invalid lines of an edited file", async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), "pkgdiff-served-")), "served.txt");
    await writeFile(file, "# comment\nok-name\nnot valid\n");
    expect(new ServedNames(file).list()).toEqual(["ok-name"]);
  });
});
