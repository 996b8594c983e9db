import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { startVarnishd, type Varnishd } from "../../deploy/varnish/varnishd.mjs";

export type { Varnishd };

/**
 * A real varnishd with the repo's VCL (deploy/varnish/default.vcl) in front
 * of `replicas` on loopback: free ports for `-a` and `-T`, a fresh `-n`
 * folder, `-F` as a child of this process; resolved once every replica
 * passed its `/healthz` probes. Stop it with `stop()`.
 */
export async function startTestVarnish(replicas: readonly { port: number }[]): Promise<Varnishd> {
  const varnish = await startVarnishd({
    replicas: replicas.map(({ port }) => ({ host: "127.0.0.1", port })),
    storage: "malloc,64m",
    params: { vsl_space: "16m" }, // the shared log, read by `ttlOf`
  });
  try {
    await varnish.waitUntilHealthy();
    return varnish;
  } catch (error) {
    await varnish.stop();
    throw error;
  }
}

/** The transaction ids in `X-Varnish`: one on a miss or pass, two (this request's, the object's) on a hit. */
function varnishIds(response: Response): string[] {
  return (response.headers.get("x-varnish") ?? "").split(/\s+/).filter(Boolean);
}

/** Whether Varnish answered from its cache. */
export function isHit(response: Response): boolean {
  return varnishIds(response).length === 2;
}

/** A GET through Varnish that does not follow redirects. */
export function get(varnish: Varnishd, pathWithQuery: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${varnish.url}${pathWithQuery}`, { headers, redirect: "manual" });
}

/**
 * How long Varnish keeps what the last backend fetch of `path` brought, as
 * its shared log says (`TTL VCL` records: ttl, grace, keep in seconds; the
 * last one is after the VCL had its say). Undefined when never fetched.
 */
export async function ttlOf(varnish: Varnishd, path: string): Promise<{ ttl: number; grace: number } | undefined> {
  const { stdout } = await promisify(execFile)("varnishlog", ["-n", varnish.workDir, "-d", "-b", "-i", "TTL", "-q", `BereqURL eq "${path}"`]);
  const records = [...stdout.matchAll(/TTL\s+VCL\s+(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)/g)];
  const last = records.at(-1);
  return last ? { ttl: Number(last[1]), grace: Number(last[2]) } : undefined;
}
