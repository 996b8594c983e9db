import { sameSecret } from "../http/same-secret";
import { DEFAULT_ECOSYSTEM } from "../registry/ecosystems";
import type { PkgdiffService } from "../service/diff-service";
import { getService } from "../service/instance";
import { PEER_SECRET_HEADER } from "../service/tarball-store";

const NOT_HERE = () => new Response(null, { status: 404, headers: { "cache-control": "no-store" } });

/**
 * `GET /api/internal/tarball/<key, base64url>`: a tarball this replica holds
 * on its disk, for another replica of the cluster (shared mode) that would
 * otherwise fetch it from the registry again. Only for a request that
 * presents the cluster's secret (kept in Redis); anyone else gets a 404, as
 * for a tarball this replica does not hold. The copy is verified by the
 * replica that asked, against the packument's integrity. Varnish never
 * passes this path on (deploy/varnish/default.vcl).
 */
export async function peerTarballEndpoint(
  request: Request,
  encodedKey: string,
  service: PkgdiffService = getService(DEFAULT_ECOSYSTEM.id),
): Promise<Response> {
  // The free checks first: a request that cannot be a peer's costs no Redis round trip.
  const presented = request.headers.get(PEER_SECRET_HEADER);
  if (!presented || !/^[A-Za-z0-9_-]{1,1024}$/.test(encodedKey)) return NOT_HERE();
  const secret = await service.state.peers.secret();
  if (!secret || !sameSecret(presented, secret)) return NOT_HERE();
  // Every ecosystem's tarballs share one folder (their keys name the registry).
  const bytes = await service.tarballs.storedBytes(Buffer.from(encodedKey, "base64url").toString("utf8"));
  if (!bytes) return NOT_HERE();
  return new Response(new Uint8Array(bytes), {
    headers: { "content-type": "application/octet-stream", "content-length": String(bytes.byteLength), "cache-control": "no-store" },
  });
}
