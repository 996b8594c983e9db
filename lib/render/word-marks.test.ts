import { describe, expect, it } from "vitest";
import type { DiffRow } from "./diff-rows";
import { markWordChanges } from "./word-marks";

describe("markWordChanges", () => {
  it("marks the changed words of paired lines and leaves other rows alone", () => {
    const rows: DiffRow[] = [
      { type: "line", kind: "context", oldLine: 1, newLine: 1, text: "a", html: "a" },
      { type: "line", kind: "del", oldLine: 2, text: "const x = 1;", html: "const x = 1;" },
      { type: "line", kind: "add", newLine: 2, text: "const x = 2;", html: "const x = 2;" },
    ];
    const marked = markWordChanges(rows);
    expect(marked[0]).toBe(rows[0]);
    expect(marked[1]).toMatchObject({ html: "const x = <del>1</del>;" });
    expect(marked[2]).toMatchObject({ html: "const x = <ins>2</ins>;" });
  });
});
