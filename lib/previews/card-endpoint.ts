import "server-only";
import { PkgdiffError } from "../errors";
import { etagFor, getBuildId, IMMUTABLE, matchesEtag, SHORT_LIVED } from "../http/headers";
import { tagged } from "../http/surrogate-keys.mjs";
import { problemResponse } from "../http/problem";
import type { Ecosystem } from "../registry/ecosystem";
import { REVIEW_VERSION } from "../review/types";
import { parseDiffOptions } from "../routes/diff-options";
import { parseDiffSegments } from "../routes/diff-path";
import { canonicalQuery } from "../routes/query";
import { ENGINE_VERSION } from "../service/diff-service";
import { getService } from "../service/instance";
import { contextFrom, markCache } from "../service/request-context";
import { resolveDiff } from "../service/resolve-diff";
import { CARD_VERSION, type CardModel, cardModel } from "./card-model";
import { previewInput } from "./from-diff";
import { cardLocation, diffSegmentsOfCard } from "./paths";

/** Draws a card as PNG bytes (app/og does, with next/og). */
export type CardRenderer = (card: CardModel) => Promise<Uint8Array<ArrayBuffer>>;

/**
 * `/og/diff/<name>/<from>..<to>.png` (and `/og/<ecosystem>/diff/…`): the
 * diff's card image. Tags and ranges redirect to exact versions, like the
 * page; a canonical card is immutable with a strong ETag (304 before any
 * work). It reads the diff's totals, file stats and review headline from
 * the diff cache (computing the diff when it is not cached, within the
 * same admission and miss budget as the page), never renders the diff.
 */
export async function cardEndpoint(request: Request, ecosystem: Ecosystem, segments: string[], render: CardRenderer): Promise<Response> {
  try {
    const url = new URL(request.url);
    const diffSegments = diffSegmentsOfCard(segments);
    if (!diffSegments) throw new PkgdiffError("not_found", "No such image: a card's URL is a diff's URL ending in .png.");
    const route = parseDiffSegments(diffSegments, ecosystem);
    if (route.kind === "versions") throw new PkgdiffError("not_found", "No such image: a card shows a diff of two versions.");
    if (route.format === "patch") throw new PkgdiffError("bad_request", "Unexpected .patch in a card's URL.");
    const { ignoreWhitespace } = parseDiffOptions(url.searchParams);
    const service = getService(ecosystem.id);
    const resolved = await resolveDiff(service, route, { ignoreWhitespace }, canonicalQuery(url.searchParams, ["w"]));
    if (resolved.type === "redirect") {
      const location = cardLocation(resolved.location);
      return tagged(new Response(null, { status: 307, headers: { location, "cache-control": SHORT_LIVED } }), ecosystem.id, route.name);
    }
    const { name, from, to } = resolved;
    // The build id: another deploy may draw the same card in other bytes (a strong ETag promises equal bytes).
    const etag = etagFor(`${CARD_VERSION}.${ENGINE_VERSION}.${REVIEW_VERSION}`, getBuildId(), "card", ecosystem.id, name, from, to, ignoreWhitespace ? "w" : "");
    if (matchesEtag(request.headers.get("if-none-match"), etag)) {
      return tagged(new Response(null, { status: 304, headers: { etag, "cache-control": IMMUTABLE } }), ecosystem.id, name);
    }
    const context = contextFrom(request.headers);
    const diff = await service.getDiff(name, from, to, { ignoreWhitespace }, context);
    const png = await render(cardModel(previewInput(diff, ecosystem)));
    const headers = new Headers({ "content-type": "image/png", "content-length": String(png.byteLength), etag, "cache-control": IMMUTABLE });
    markCache(headers, context);
    return tagged(new Response(png, { headers }), ecosystem.id, name);
  } catch (error) {
    return problemResponse(error, "text");
  }
}
