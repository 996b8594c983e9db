import { isPkgdiffError } from "../../errors";
import { parsePackageName } from "./package-name";

/**
 * Names of a popularity list file: one per line, most popular first; blank
 * lines and `#` comments ignored.
 *
 * @example
 * parseNameList("# top\nreact\n\nvue\n"); // ["react", "vue"]
 */
export function parseNameList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
}

/**
 * Whether the registry could have a package of exactly this name.
 *
 * @example
 * isPackageName("@babel/core"); // true
 * isPackageName("../x"); // false
 */
export function isPackageName(name: string): boolean {
  try {
    return parsePackageName(name) === name;
  } catch (error) {
    if (isPkgdiffError(error)) return false;
    throw error;
  }
}
