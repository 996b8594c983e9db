import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDiffsQuery } from "../upgrades/entries";

/**
 * The README's Dependabot workflow ("Linking to pkgdiff") turns
 * dependabot/fetch-metadata's `updated-dependencies-json` into a `/diffs`
 * query with jq. Its jq program is read from the README itself and run on
 * that output's shape, so the snippet people copy is the one tested.
 */
function readmeJqProgram(): string {
  const readme = readFileSync("README.md", "utf8");
  const match = /query=\$\(jq -r '([^']+)' <<<"\$DEPS"\)/.exec(readme);
  if (!match) throw new Error("the README's Dependabot snippet has no `query=$(jq -r '…' <<<\"$DEPS\")` line");
  return match[1]!;
}

function runJq(program: string, input: unknown): string {
  const result = spawnSync("jq", ["-r", program], { input: JSON.stringify(input), encoding: "utf8" });
  if (result.error) throw result.error;
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return result.stdout.trim();
}

// The fields fetch-metadata sets on each updated dependency (its README's example, trimmed).
const dependency = (dependencyName: string, packageEcosystem: string, prevVersion: string, newVersion: string) => ({
  dependencyName,
  dependencyType: "direct:production",
  updateType: "version-update:semver-minor",
  directory: "/",
  packageEcosystem,
  targetBranch: "",
  prevVersion,
  newVersion,
  compatScore: 0,
  maintainerChanges: false,
  dependencyGroup: "",
  alertState: "",
  ghsaId: "",
  cvss: 0,
});

describe("the README's Dependabot workflow", () => {
  it("builds the /diffs query of every upgrade, Hex ones prefixed, scoped names intact", () => {
    const query = runJq(readmeJqProgram(), [
      dependency("@babel/core", "npm_and_yarn", "7.24.9", "7.25.2"),
      dependency("decimal", "mix", "2.1.0", "2.1.1"),
      dependency("lodash", "npm_and_yarn", "4.17.20", "4.17.21"),
    ]);
    const { entries } = parseDiffsQuery(new URLSearchParams(query));
    expect(entries.map(({ ecosystem, name, from, to }) => [ecosystem.id, name, from, to])).toEqual([
      ["npm", "@babel/core", "7.24.9", "7.25.2"],
      ["hex", "decimal", "2.1.0", "2.1.1"],
      ["npm", "lodash", "4.17.20", "4.17.21"],
    ]);
  });

  it("leaves out a dependency without both versions, and prints nothing when none is left", () => {
    const program = readmeJqProgram();
    expect(runJq(program, [dependency("added-pkg", "npm_and_yarn", "", "1.0.0"), dependency("react", "npm_and_yarn", "18.2.0", "18.3.1")])).toBe("d=react:18.2.0:18.3.1");
    expect(runJq(program, [dependency("added-pkg", "npm_and_yarn", "", "1.0.0")])).toBe("");
  });
});
