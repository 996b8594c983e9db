import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { formatHunkHeader } from "./hunks";
import { splitLines } from "./split-lines";
import { git, joinLines, mutateLines, randomLines, seededRandom } from "./test-helpers";
import { diffTextBytes } from "./text-diff";

/*
 * Measures the line diff against `git diff --no-index --histogram` on the
 * same pairs of files: pseudo-random pairs (seeded, so every run is the
 * same) and two big real files from node_modules with random edits. All
 * pairs go through one git run, so the test stays fast.
 */

interface Case {
  name: string;
  old: Buffer;
  new: Buffer;
}

function randomCases(): Case[] {
  const cases: Case[] = [];
  const add = (name: string, random: () => number, lines: string[], edited: string[]): void => {
    const shape = random();
    const oldText = joinLines(lines, { finalNewline: random() < 0.85, crlf: shape < 0.1 });
    const newText = joinLines(edited, { finalNewline: random() < 0.85, crlf: shape < 0.1 || (shape < 0.13 && random() < 0.5) });
    cases.push({ name, old: Buffer.from(oldText), new: Buffer.from(newText) });
  };
  for (let seed = 1; seed <= 160; seed++) {
    const random = seededRandom(seed);
    const lines = randomLines(random, Math.floor(random() * 400), "code");
    add(`case-code-${seed}`, random, lines, mutateLines(random, lines, 1 + Math.floor(random() * 12)));
  }
  for (let seed = 1; seed <= 60; seed++) {
    const random = seededRandom(1000 + seed);
    const lines = randomLines(random, 200 + Math.floor(random() * 1800), "repetitive");
    add(`case-repetitive-${seed}`, random, lines, mutateLines(random, lines, 5 + Math.floor(random() * 60), "repetitive"));
  }
  for (let seed = 1; seed <= 20; seed++) {
    const random = seededRandom(2000 + seed);
    const lines = randomLines(random, 2000 + Math.floor(random() * 3000), "code");
    add(`case-long-${seed}`, random, lines, mutateLines(random, lines, 50 + Math.floor(random() * 150)));
  }
  return cases;
}

/** A real file from an installed package with `mutations` random edits. */
function realCase(name: string, modulePath: string, seed: number, mutations: number): Case {
  const require = createRequire(import.meta.url);
  const text = readFileSync(require.resolve(modulePath), "utf8");
  const { lines } = splitLines(text);
  const edited = mutateLines(seededRandom(seed), lines, mutations);
  return { name, old: Buffer.from(text), new: Buffer.from(joinLines(edited)) };
}

const cases: Case[] = [
  ...randomCases(),
  realCase("case-typescript-js", "typescript/lib/typescript.js", 7, 300),
  realCase("case-lib-dom", "typescript/lib/lib.dom.d.ts", 8, 200),
];

/** Per case: git's numstat (added + deleted) and its hunks, for histogram and for myers. */
const gitStats = new Map<string, number>();
const gitHunks = new Map<string, string[]>();
const gitMyersHunks = new Map<string, string[]>();
let dir = "";

function caseName(line: string): string {
  const match = /(case-[a-z0-9-]+)/.exec(line);
  if (!match?.[1]) throw new Error(`no case name in ${JSON.stringify(line)}`);
  return match[1];
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "pkgdiff-linediff-"));
  mkdirSync(path.join(dir, "a"));
  mkdirSync(path.join(dir, "b"));
  for (const c of cases) {
    writeFileSync(path.join(dir, "a", c.name), c.old);
    writeFileSync(path.join(dir, "b", c.name), c.new);
  }
  for (const line of git(["diff", "--no-index", "--histogram", "--numstat", "a", "b"], dir).split("\n")) {
    if (line === "") continue;
    const [added, deleted, name] = line.split("\t");
    gitStats.set(caseName(name!), Number(added) + Number(deleted));
  }
  parseHunks(git(["diff", "--no-index", "--diff-algorithm=histogram", "a", "b"], dir), gitHunks);
  parseHunks(git(["diff", "--no-index", "--diff-algorithm=myers", "a", "b"], dir), gitMyersHunks);
}, 60_000);

/** Splits git's patch into per-case hunk lines (headers and lines, as formatHunkHeader() and Hunk.lines give them). */
function parseHunks(patch: string, into: Map<string, string[]>): void {
  let current: string[] | undefined;
  for (const line of patch.split("\n")) {
    if (line.startsWith("diff --git ")) {
      current = [];
      into.set(caseName(line), current);
    } else if (line.startsWith("@@")) {
      // Drop git's function-name suffix: the Hunk model does not carry one.
      current?.push(line.replace(/ @@.*$/, " @@"));
    } else if (current && current.length > 0) {
      current.push(line);
    }
  }
  // Each section ends with "\n", leaving one "" after its last line.
  for (const lines of into.values()) if (lines.at(-1) === "") lines.pop();
}

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function ours(c: Case, algorithm?: "myers"): { changed: number; lines: string[] } {
  const result = diffTextBytes(c.old, c.new, { algorithm });
  return {
    changed: result.additions + result.deletions,
    lines: result.hunks.flatMap((hunk) => [formatHunkHeader(hunk), ...hunk.lines]),
  };
}

/**
 * The git whose histogram and Myers output this port was checked against line for line
 * (CI has it too). Another git may print other hunks for the same pairs, so the parity
 * tests below would fail for a reason that is not ours: the first test says so plainly.
 */
const PARITY_GIT = "git version 2.39.5";
const gitVersion = git(["--version"], tmpdir()).trim();

describe("line diff against git diff --histogram", () => {
  it(`runs against ${PARITY_GIT}, the git the parity was recorded with`, () => {
    expect(
      gitVersion,
      `this machine has "${gitVersion}", the hunk parity below was checked against "${PARITY_GIT}": ` +
        "install that git, or check the port against this one and update PARITY_GIT",
    ).toBe(PARITY_GIT);
  });

  it("has a git result for every case", () => {
    for (const c of cases) {
      if (!c.old.equals(c.new)) expect(gitStats.has(c.name), c.name).toBe(true);
    }
  });

  it("never reports more changed lines than git", () => {
    const worse: string[] = [];
    for (const c of cases) {
      const theirs = gitStats.get(c.name) ?? 0;
      const mine = ours(c).changed;
      if (mine > theirs) worse.push(`${c.name}: ours ${mine} > git ${theirs}`);
    }
    expect(worse).toEqual([]);
  });

  it(`prints the same hunks as ${PARITY_GIT}`, () => {
    const different: string[] = [];
    for (const c of cases) {
      const expected = gitHunks.get(c.name) ?? [];
      const actual = ours(c).lines;
      if (actual.join("\n") !== expected.join("\n")) different.push(c.name);
    }
    expect(different).toEqual([]);
  });

  it(`falls back to the same Myers diff as ${PARITY_GIT}`, () => {
    const different: string[] = [];
    for (const c of cases) {
      const expected = gitMyersHunks.get(c.name) ?? [];
      const actual = ours(c, "myers").lines;
      if (actual.join("\n") !== expected.join("\n")) different.push(c.name);
    }
    expect(different).toEqual([]);
  });
});
