#!/usr/bin/env node
/**
 * Prints the pkgdiff link for an upgrade list read on stdin: `npm outdated --json`,
 * `pnpm outdated --format json`, a package-lock.json diff or `name from to` lines
 * (the home page's box reads the same, with the same parser).
 *
 *   npm outdated --json | node scripts/diffs-url.mjs
 *   git diff main -- package-lock.json | PKGDIFF_URL=https://pkgdiff.example node scripts/diffs-url.mjs
 *
 * One URL per line (a page takes 50 upgrades); what was skipped, and why, goes to stderr.
 * Exit code 1 when the input holds no upgrade.
 */
import { diffsHrefs } from "../lib/upgrades/diffs-url.mjs";
import { parseUpgradeList } from "../lib/upgrades/upgrade-list.mjs";

const base = (process.env.PKGDIFF_URL || "http://localhost:3000").replace(/\/+$/, "");
let input = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) input += chunk;

const list = parseUpgradeList(input);
for (const { what, reason } of list.skipped) process.stderr.write(`skipped ${what}: ${reason}\n`);
if (list.upgrades.length === 0) {
  process.stderr.write("no upgrades found in the input\n");
  process.exit(1);
}
for (const url of diffsHrefs(list.upgrades, base)) process.stdout.write(`${url}\n`);
