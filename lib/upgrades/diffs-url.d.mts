// Types of lib/upgrades/diffs-url.mjs (plain JS, shared with scripts/diffs-url.mjs).
import type { Upgrade } from "./upgrade-list.mjs";

/** The most entries one `/diffs` page takes; more is a 400. */
export declare const MAX_DIFFS_ENTRIES: number;

/** `hex:decimal:2.1.0:2.1.1`, `@babel/core:7.0.0:7.1.0`: one `d=` value. */
export declare function entryString(upgrade: Upgrade): string;

/** One `d=` value encoded for a query string, keeping `@`, `/` and `:` readable. */
export declare function encodeEntry(entry: string): string;

/** `/diffs?d=…&d=…` for these entries, in the order given, `base` (an origin, no trailing slash) in front. */
export declare function diffsHref(upgrades: readonly Upgrade[], base?: string): string;

/** The upgrades as `/diffs` links of at most MAX_DIFFS_ENTRIES each (one for up to 50). */
export declare function diffsHrefs(upgrades: readonly Upgrade[], base?: string): string[];
