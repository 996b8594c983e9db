import { describe, expect, it } from "vitest";

import { specKind } from "./dependency-spec";

describe("specKind", () => {
  it.each([
    ["^1.2.0", "range"],
    ["1.2.3", "range"],
    [">=1 <2 || 3.x", "range"],
    ["*", "range"],
    ["", "range"],
    ["latest", "tag"],
    ["next-11", "tag"],
    ["git+https://example.com/a/b.git", "git"],
    ["git://example.com/a/b.git#v1", "git"],
    ["git@example.com:a/b.git", "git"],
    ["github:a/b", "git"],
    ["owner/repo#v1.0.0", "git"],
    ["https://example.com/a/b.git", "git"],
    ["https://example.com/b-1.0.0.tgz", "url"],
    ["file:../b", "file"],
    ["./vendor/b", "file"],
    ["link:../b", "file"],
    ["npm:other@^2.0.0", "alias"],
    ["workspace:*", "workspace"],
  ] as const)("%s is %s", (spec, kind) => {
    expect(specKind(spec)).toBe(kind);
  });
});
