import { PkgdiffError } from "../../errors";

/**
 * Which origins pkgdiff may contact: the registry's own, plus the ones
 * configured for tarballs (a private registry may serve tarballs from a
 * CDN). Applied to every URL, redirects included, so a packument or a
 * redirect cannot send the server elsewhere.
 */
export interface OriginPolicy {
  readonly registryOrigin: string;
  /** The URL to request, or throws `forbidden_origin`. */
  check(url: string, subject: string): URL;
  /** The registry token goes only to the registry's own origin, never to a CDN. */
  mayReceiveToken(url: URL): boolean;
}

/**
 * @example
 * const policy = createOriginPolicy("http://127.0.0.1:4873/", []);
 * policy.check("http://127.0.0.1:4873/x/-/x-1.0.0.tgz", "x"); // URL
 * policy.check("http://127.0.0.2:1/x.tgz", "x"); // throws forbidden_origin
 */
export function createOriginPolicy(registryUrl: string, allowedOrigins: readonly string[]): OriginPolicy {
  const registry = new URL(registryUrl);
  const allowed = new Set([registry.origin, ...allowedOrigins.map((o) => new URL(o).origin)]);
  return {
    registryOrigin: registry.origin,
    check(raw, subject) {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        throw new PkgdiffError("upstream", `The registry gave an invalid URL for ${subject}`);
      }
      // Old packuments list `http:` tarball URLs on the registry's own https host; upgrading is safe.
      if (url.protocol === "http:" && registry.protocol === "https:" && url.host === registry.host) {
        url.protocol = "https:";
      }
      if (!allowed.has(url.origin)) {
        throw new PkgdiffError(
          "forbidden_origin",
          `The registry pointed ${subject} at ${url.origin}, which is not the registry's origin nor an allowed tarball origin (ALLOWED_TARBALL_ORIGINS)`,
        );
      }
      return url;
    },
    mayReceiveToken(url) {
      return url.origin === registry.origin;
    },
  };
}
