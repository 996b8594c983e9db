import { PkgdiffError } from "../../errors";

/** hexpm's rule (Hexpm.Repository.Package: `validate_format(:name, ~r"^[a-z]\w*$")`, `\w` being ASCII there). */
const HEX_NAME = /^[a-z][A-Za-z0-9_]*$/;
/** hexpm stores names in a 255-character column; new names need at least 2, old ones are still read. */
const MAX_LENGTH = 255;

/** A whole valid Hex package name, as one test (what `parseHexPackageName` accepts). */
export const HEX_NAME_PATTERN = /^[a-z][A-Za-z0-9_]{0,254}$/;

/**
 * A Hex package name from a URL, or `bad_request`. Nothing unchecked is
 * ever put into a repository URL.
 *
 * @example
 * parseHexPackageName("decimal"); // "decimal"
 * parseHexPackageName("@babel/core"); // throws PkgdiffError("bad_request")
 */
export function parseHexPackageName(raw: string): string {
  if (raw.length > MAX_LENGTH) {
    throw new PkgdiffError("bad_request", `A Hex package name is at most ${MAX_LENGTH} characters; this one has ${raw.length}`);
  }
  if (!HEX_NAME.test(raw)) {
    throw new PkgdiffError(
      "bad_request",
      `${JSON.stringify(raw.slice(0, 80))} is not a valid Hex package name: it must start with a lowercase letter and hold only letters, digits and "_"`,
    );
  }
  return raw;
}
