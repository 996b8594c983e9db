import { diffPath } from "../routes/diff-path";

/**
 * Where a diff's card image lives: the diff page's path under `/og`, with
 * `.png`, the ecosystem's prefix after `/og` as the JSON API has it after
 * `/api/v1` (`/og/hex/diff/…`). `w=1` is the only query the card knows:
 * it changes the totals.
 *
 * @example
 * cardPath("react", "18.2.0", "18.3.1"); // "/og/diff/react/18.2.0..18.3.1.png"
 * cardPath("decimal", "2.0.0", "2.1.1", "/hex", { ignoreWhitespace: true }); // "/og/hex/diff/decimal/2.0.0..2.1.1.png?w=1"
 */
export function cardPath(name: string, from: string, to: string, prefix = "", options: { ignoreWhitespace?: boolean } = {}): string {
  return `/og${diffPath(name, from, to, "html", prefix)}${CARD_SUFFIX}${options.ignoreWhitespace ? "?w=1" : ""}`;
}

export const CARD_SUFFIX = ".png";

/**
 * A card's location for a diff page's redirect location (`/diff/…`, `/hex/diff/…`, with its query):
 * the same move to exact versions, for the image.
 *
 * @example
 * cardLocation("/hex/diff/decimal/2.0.0..2.1.1?w=1"); // "/og/hex/diff/decimal/2.0.0..2.1.1.png?w=1"
 */
export function cardLocation(pageLocation: string): string {
  const query = pageLocation.indexOf("?");
  const path = query === -1 ? pageLocation : pageLocation.slice(0, query);
  return `/og${path}${CARD_SUFFIX}${query === -1 ? "" : pageLocation.slice(query)}`;
}

/**
 * The diff route segments of a card URL: the last one without `.png`;
 * undefined when the URL does not end in `.png` (then there is no such image).
 *
 * @example
 * diffSegmentsOfCard(["react", "18.2.0..18.3.1.png"]); // ["react", "18.2.0..18.3.1"]
 */
export function diffSegmentsOfCard(segments: readonly string[]): string[] | undefined {
  const last = segments.at(-1);
  if (!last?.endsWith(CARD_SUFFIX) || last.length === CARD_SUFFIX.length) return undefined;
  return [...segments.slice(0, -1), last.slice(0, -CARD_SUFFIX.length)];
}
