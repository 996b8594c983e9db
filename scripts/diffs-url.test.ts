import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SCRIPT = fileURLToPath(new URL("./diffs-url.mjs", import.meta.url));
const fixture = (name: string) => readFileSync(new URL(`../lib/upgrades/fixtures/${name}`, import.meta.url), "utf8");

function run(input: string, env: Record<string, string> = {}) {
  const inherited = { ...process.env };
  delete inherited.PKGDIFF_URL;
  return spawnSync(process.execPath, [SCRIPT], { input, encoding: "utf8", env: { ...inherited, ...env } });
}

describe("scripts/diffs-url.mjs", () => {
  it("prints the /diffs link for npm outdated --json on stdin, at localhost:3000 by default", () => {
    const result = run(fixture("npm-outdated.json"));
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      "http://localhost:3000/diffs?d=@babel/core:7.24.9:7.25.2&d=eslint:8.57.0:9.9.1&d=react:18.2.0:18.3.1&d=typescript:5.3.3:5.4.5\n",
    );
    expect(result.stderr).toBe("skipped left-pad: not installed (no current version)\n");
  });

  it("takes its base from PKGDIFF_URL and reads a lockfile diff", () => {
    const result = run(fixture("package-lock.diff"), { PKGDIFF_URL: "https://pkgdiff.example/" });
    expect(result.stdout).toBe("https://pkgdiff.example/diffs?d=@babel/core:7.24.9:7.25.2&d=react:18.2.0:18.3.1&d=@types/estree:1.0.5:1.0.6\n");
  });

  it("exits 1 with a message when there is no upgrade", () => {
    const result = run("{}");
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("no upgrades found");
  });
});
