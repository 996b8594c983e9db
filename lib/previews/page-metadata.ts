import "server-only";
import { config } from "../config.mjs";
import type { BrowsePageData } from "../browse/browse-page";
import { browsePath } from "../browse/browse-path";
import type { Ecosystem } from "../registry/ecosystem";
import { diffTitle } from "../routes/diff-path";
import { canonicalQuery, PAGE_QUERY_KEYS } from "../routes/query";
import { loadDiffPage } from "../endpoints/diff-page";
import { diffPagePreview } from "./from-diff";
import type { DiffsEntry } from "../upgrades/entries";
import { type PreviewMetadata, previewMetadata } from "./metadata";
import { cardPath } from "./paths";
import { browsePreviewText, diffLabel, upgradeListPreviewText } from "./text";

/**
 * The metadata of a `/diff/…` page: for a canonical diff its preview (what
 * changed, card image); for the versions page and anything that does not
 * load, the plain title. The proxy computed the diff before the page
 * renders, so this reads the warm cache.
 */
export async function diffPageMetadata(ecosystem: Ecosystem, segments: string[], params: URLSearchParams): Promise<PreviewMetadata> {
  const title = ecosystem.urlPrefix ? `${diffTitle(segments)} · ${ecosystem.label}` : diffTitle(segments);
  try {
    const data = await loadDiffPage(ecosystem, segments, params);
    if (data.kind === "versions") {
      return { title, description: `Every published version of ${data.pkg.name}: pick two to see what changed between them.` };
    }
    if (data.kind === "redirect") return { title };
    return previewMetadata(diffPagePreview(data.diff, ecosystem, canonicalQuery(params, PAGE_QUERY_KEYS.diff)), config().publicUrl);
  } catch {
    // The proxy answered errors before the page; a page that still fails keeps its bare title.
    return { title };
  }
}

/**
 * The metadata of a `/browse/…` page. `load` is the page's own (shared)
 * load; a page that does not load keeps the bare title "browse".
 */
export async function browsePageMetadata(ecosystem: Ecosystem, load: () => Promise<BrowsePageData>, params: URLSearchParams): Promise<PreviewMetadata> {
  try {
    const data = await load();
    if (data.kind === "redirect") return { title: "browse" };
    const { name, version, path, target, totals, prefix } = data.page;
    const text = browsePreviewText({
      name,
      version,
      path,
      kind: target.kind === "folder" ? "folder" : target.kind === "file" ? "file" : "other",
      totals,
      ...(ecosystem.urlPrefix ? { ecosystemLabel: ecosystem.label } : {}),
    });
    return previewMetadata({ ...text, path: browsePath(name, version, path, prefix) + canonicalQuery(params, PAGE_QUERY_KEYS.browse) }, config().publicUrl);
  } catch {
    return { title: "browse" };
  }
}

/**
 * The metadata of a canonical `/diffs?…` page (`query` its canonical query,
 * with "?"): the upgrades by name and exact version, and the first one's
 * card. Nothing is computed for it: the page streams the diffs in, and the
 * card's own endpoint reads the first diff when a previewer asks.
 */
export function diffsPageMetadata(entries: readonly (DiffsEntry & { to: string })[], query: string, ignoreWhitespace: boolean): PreviewMetadata {
  const labelled = entries.map(({ ecosystem, name, from, to }) => ({ name, from, to, ...(ecosystem.urlPrefix ? { ecosystemLabel: ecosystem.label } : {}) }));
  const text = upgradeListPreviewText(labelled);
  const first = entries[0];
  const image = first ? { path: cardPath(first.name, first.from, first.to, first.ecosystem.urlPrefix, { ignoreWhitespace }), alt: `What changed in ${diffLabel(labelled[0]!)}` } : undefined;
  return previewMetadata({ ...text, path: `/diffs${query}`, ...(image ? { image } : {}) }, config().publicUrl);
}
