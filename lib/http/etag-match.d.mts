/** Types of lib/http/etag-match.mjs. */
export declare function matchesEtag(ifNoneMatch: string | null | undefined, etag: string): boolean;
