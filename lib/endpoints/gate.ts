import type { Ecosystem } from "../registry/ecosystem";
import type { RequestContext } from "../service/request-context";

/**
 * A page family's gate: what to do with a request before its page renders.
 * `pathname` is the path after the ecosystem's prefix (`/diff/…`).
 */
export type Gate = (
  ecosystem: Ecosystem,
  pathname: string,
  search: string,
  params: URLSearchParams,
  context?: RequestContext,
) => Promise<GateResult>;

/**
 * What the proxy decides for a page request before the page renders (pages
 * can't choose their status): redirect to a canonical URL, or render — with
 * caching rules, and optionally work to do first (whose failure becomes the
 * error page with the right status).
 */
export type GateResult =
  | { type: "redirect"; location: string; keys?: string }
  | {
      type: "next";
      /** The surrogate keys of a page about one package (lib/http/surrogate-keys). */
      keys?: string;
      /** "immutable": canonical content; "short": may change with new publishes. */
      cache: "immutable" | "short";
      etag?: string;
      /** Fetch and compute now, after the ETag check, so a 304 costs nothing. */
      prepare?: () => Promise<void>;
      /**
       * Set when `prepare` is new work that may take a while (a diff not
       * cached yet): a document request may then get the progress page
       * (lib/endpoints/progress-page.ts) fed by the context's `onProgress`.
       */
      progress?: { title: string };
    };
