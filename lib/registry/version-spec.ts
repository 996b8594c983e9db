import { PkgdiffError } from "../errors";

/*
 * Kept apart from resolve.ts (and free of semver) because URL parsers in
 * lib/routes and lib/browse check version specs before anything asks the
 * registry, and client components import those modules.
 */

const MAX_SPEC_LENGTH = 256;

/**
 * Rejects what can never be a version, tag or range: too long, `/`
 * (a URL-splitting mistake), `%` (double-encoding) or control characters.
 * Spaces stay allowed because ranges such as `>=1 <2` contain them.
 *
 * @example
 * parseVersionSpec("^18"); // "^18"
 * parseVersionSpec(" latest "); // "latest"
 * parseVersionSpec("1.0.0/evil"); // throws PkgdiffError (bad_request)
 */
export function parseVersionSpec(raw: string): string {
  const spec = raw.trim();
  const fail = (why: string): never => {
    throw new PkgdiffError("bad_request", `${JSON.stringify(raw.slice(0, 80))} is not a valid version, tag or range: ${why}`);
  };
  if (spec.length === 0) return fail("it is empty");
  if (raw.length > MAX_SPEC_LENGTH) return fail(`it is longer than ${MAX_SPEC_LENGTH} characters`);
  if (spec.includes("/")) return fail('it contains "/"');
  if (spec.includes("%")) return fail('it contains "%"');
  if (/[\u0000-\u001f\u007f]/.test(spec)) return fail("it contains control characters");
  return spec;
}
