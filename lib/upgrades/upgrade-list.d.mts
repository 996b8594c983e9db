// Types of lib/upgrades/upgrade-list.mjs (plain JS, so scripts/diffs-url.mjs runs it without a build step).

/** One upgrade: a package (`hex:`-prefixed for Hex) from one version to another, as the list wrote them. */
export interface Upgrade {
  name: string;
  from: string;
  to: string;
}

/** A part of the input that is not an upgrade, and why (for people: shown under the box). */
export interface Skipped {
  what: string;
  reason: string;
}

export interface UpgradeList {
  /** Which input it read; "invalid" and "empty" read nothing. */
  format: "npm-outdated" | "pnpm-outdated" | "lockfile-diff" | "lines" | "invalid" | "empty";
  upgrades: Upgrade[];
  skipped: Skipped[];
}

export declare function parseUpgradeList(text: string): UpgradeList;
