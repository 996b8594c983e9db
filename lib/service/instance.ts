import "server-only";
import { config } from "../config.mjs";
import { getRegistry } from "../registry";
import { PkgdiffService } from "./diff-service";

// Proxy and the app's routes are bundled separately but run in one process;
// a global keeps one service (and so one cache) for both, and survives dev reloads.
const KEY = Symbol.for("pkgdiff.service");
type WithService = typeof globalThis & { [KEY]?: PkgdiffService };

/** The process-wide service, created on first use from the configuration. */
export function getService(): PkgdiffService {
  const g = globalThis as WithService;
  g[KEY] ??= new PkgdiffService(getRegistry(), config());
  return g[KEY];
}
