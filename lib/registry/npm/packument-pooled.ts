import type { TaskRunner } from "../../workers/pooled";
import { rethrowRefusal } from "../../workers/task";
import type { PackageInfo } from "../types";
import { npmPackumentTask } from "./worker-tasks";

/**
 * `parsePackument` in a worker: decoding and parsing a big package's
 * packument (tens of MB) would stall every other request for hundreds of
 * ms. The bytes are moved, not copied, and only the small PackageInfo comes
 * back; a refusal keeps its kind.
 */
export async function parsePackumentPooled(pool: TaskRunner, name: string, body: Uint8Array): Promise<PackageInfo> {
  // Only a view over a whole ArrayBuffer can be moved (a small Buffer shares its slab with others).
  const own = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength ? body : new Uint8Array(body);
  const out = await pool.run(npmPackumentTask, { name, body: own }, { transfer: [own.buffer as ArrayBuffer] });
  if (!out.ok) rethrowRefusal(out);
  return out.pkg;
}
