import type { Ecosystem } from "../registry/ecosystem";
import type { DiffResult } from "../service/diff-service";
import { diffPath } from "../routes/diff-path";
import { type CardInput, cardModel } from "./card-model";
import type { PagePreview } from "./metadata";
import { cardPath } from "./paths";
import { diffListPreviewText, diffPreviewText } from "./text";

/** What the preview builders read of a computed diff (its stats and the review's headline, never its hunks). */
export function previewInput(diff: DiffResult, ecosystem: Pick<Ecosystem, "label" | "urlPrefix">): CardInput {
  return {
    name: diff.name,
    from: diff.from,
    to: diff.to,
    // The default ecosystem (no URL prefix) goes unnamed in words, as in its URLs.
    ...(ecosystem.urlPrefix ? { ecosystemLabel: ecosystem.label } : {}),
    ecosystemName: ecosystem.label,
    totals: diff.totals,
    files: diff.files,
    ...(diff.summary ? { headline: diff.summary.headline, counts: diff.summary.counts } : {}),
  };
}

/**
 * The preview of one diff page: words, canonical path (`query` is the
 * page's canonical query, with its "?") and card.
 */
export function diffPagePreview(diff: DiffResult, ecosystem: Pick<Ecosystem, "label" | "urlPrefix">, query = ""): PagePreview {
  const input = previewInput(diff, ecosystem);
  return {
    ...diffPreviewText(input),
    path: diffPath(diff.name, diff.from, diff.to, "html", ecosystem.urlPrefix) + query,
    image: {
      path: cardPath(diff.name, diff.from, diff.to, ecosystem.urlPrefix, { ignoreWhitespace: diff.options.ignoreWhitespace }),
      alt: cardModel(input).alt,
    },
  };
}

/**
 * The preview of a page of many diffs (`path` is that page's canonical
 * path): the list's words, and the card of its first diff, if any.
 */
export function diffListPagePreview(diffs: readonly { diff: DiffResult; ecosystem: Pick<Ecosystem, "label" | "urlPrefix"> }[], path: string): PagePreview {
  const text = diffListPreviewText(diffs.map(({ diff, ecosystem }) => previewInput(diff, ecosystem)));
  const first = diffs[0];
  return { ...text, path, ...(first ? { image: diffPagePreview(first.diff, first.ecosystem).image } : {}) };
}
