import { PkgdiffError } from "../errors";
import type { Ecosystem } from "./ecosystem";
import { hexEcosystem } from "./hex/ecosystem";
import { npmEcosystem } from "./npm/ecosystem";

/**
 * Every ecosystem pkgdiff serves; a new one is a folder under
 * lib/registry/ and one line here. The unprefixed one (npm) comes last, so
 * a prefixed one's paths are never read as its package names.
 */
export const ECOSYSTEMS: readonly Ecosystem[] = [hexEcosystem, npmEcosystem];

/** The ecosystem of unprefixed URLs. */
export const DEFAULT_ECOSYSTEM: Ecosystem = npmEcosystem;

/**
 * The ecosystem with this id.
 *
 * @example
 * ecosystemById("npm").urlPrefix; // ""
 */
export function ecosystemById(id: string): Ecosystem {
  const found = ECOSYSTEMS.find((e) => e.id === id);
  if (!found) throw new Error(`unknown ecosystem ${JSON.stringify(id)}`);
  return found;
}

/**
 * The ecosystem a dynamic route's `[ecosystem]` segment names (`hex` for
 * `/hex/diff/…`); an unknown one, or one without a prefix, is `not_found`
 * (the unprefixed ecosystem has its own routes).
 */
export function ecosystemFromSegment(segment: string): Ecosystem {
  const found = findEcosystemBySegment(segment);
  if (!found) throw new PkgdiffError("not_found", `There is no ecosystem named ${JSON.stringify(segment.slice(0, 40))} here.`);
  return found;
}

/** `ecosystemFromSegment`, with `undefined` for no such ecosystem (pages call `notFound()`). */
export function findEcosystemBySegment(segment: string): Ecosystem | undefined {
  return ECOSYSTEMS.find((e) => e.urlPrefix !== "" && e.urlPrefix === `/${segment}`);
}

/**
 * Splits a request path into its ecosystem and the path after the prefix.
 *
 * @example
 * ecosystemForPath("/diff/react/1.0.0..2.0.0"); // { ecosystem: npm, path: "/diff/react/1.0.0..2.0.0" }
 */
export function ecosystemForPath(pathname: string): { ecosystem: Ecosystem; path: string } {
  for (const ecosystem of ECOSYSTEMS) {
    const { urlPrefix } = ecosystem;
    if (urlPrefix === "") return { ecosystem, path: pathname };
    if (pathname.startsWith(`${urlPrefix}/`)) return { ecosystem, path: pathname.slice(urlPrefix.length) };
  }
  return { ecosystem: DEFAULT_ECOSYSTEM, path: pathname };
}
