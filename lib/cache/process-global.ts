/**
 * One value per process under `name`, created by `init` on first use. Next
 * evaluates a module once per bundle (the proxy, each route) in one
 * process, and `next dev` evaluates it again on every reload: module-level
 * state would be kept several times over, so process-wide state lives on
 * `globalThis` under a registered symbol instead.
 *
 * @example
 * const state = processGlobal("pkgdiff.searchIndex", () => ({ building: undefined }));
 */
export function processGlobal<T>(name: string, init: () => T): T {
  const key = Symbol.for(name);
  const holder = globalThis as Record<symbol, unknown>;
  if (!(key in holder)) holder[key] = init();
  return holder[key] as T;
}
