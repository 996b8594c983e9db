import { PkgdiffError } from "../errors";

export type DiffView = "unified" | "split";

export interface DiffPageOptions {
  view: DiffView;
  ignoreWhitespace: boolean;
}

/**
 * Query parameters of diff pages (part of the permalink).
 *
 * @example
 * parseDiffOptions(new URLSearchParams("view=split&w=1")) // → { view: "split", ignoreWhitespace: true }
 */
export function parseDiffOptions(params: URLSearchParams): DiffPageOptions {
  const view = params.get("view") ?? "unified";
  if (view !== "unified" && view !== "split") {
    throw new PkgdiffError("bad_request", `view must be "unified" or "split", not "${view.slice(0, 40)}".`);
  }
  const w = params.get("w") ?? "0";
  if (w !== "0" && w !== "1") throw new PkgdiffError("bad_request", `w must be 0 or 1, not "${w.slice(0, 40)}".`);
  return { view, ignoreWhitespace: w === "1" };
}
