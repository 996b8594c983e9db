import "server-only";
import { processGlobal } from "../cache/process-global";
import { config } from "../config.mjs";
import { ecosystemById } from "../registry/ecosystems";
import type { SharedState } from "../shared/types";
import { createSharedResources, PkgdiffService, type SharedResources } from "./diff-service";


/**
 * The process-wide service of one ecosystem (by id), created on first use
 * from the configuration with the ecosystem's registry adapter. All of them
 * share the disk budget, the admission cap and the clients' miss budgets.
 *
 * @example
 * const pkg = await getService("npm").getPackage("react");
 */
export function getService(ecosystemId: string): PkgdiffService {
  const { shared, services } = processResources();
  const settings = config();
  let service = services.get(ecosystemId);
  if (!service) {
    const ecosystem = ecosystemById(ecosystemId);
    // A newly computed diff's package is remembered for the search index where the
    // ecosystem's own names may lack it (npm's popularity list).
    const onComputed = ecosystem.search.recordServed?.bind(ecosystem.search);
    service = new PkgdiffService(ecosystem, ecosystem.createRegistry(), settings, { shared, onComputed });
    services.set(ecosystemId, service);
  }
  return service;
}

/**
 * What this process shares with the other replicas (lib/shared): for
 * `/healthz?deep=1`, and for scripts that flip the read-only flag in process.
 *
 * @example
 * await getSharedState().health(); // "ok" | "down" | "off"
 */
export function getSharedState(): SharedState {
  return processResources().shared.state;
}

// Proxy and the app's routes are bundled separately but run in one process:
// one service per ecosystem (and so one cache each) for both, through dev reloads too.
function processResources(): { shared: SharedResources; services: Map<string, PkgdiffService> } {
  return processGlobal("pkgdiff.services", () => ({ shared: createSharedResources(config()), services: new Map<string, PkgdiffService>() }));
}
