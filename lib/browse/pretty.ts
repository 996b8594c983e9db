import beautify from "js-beautify";
import { installStickyScanner } from "./beautify-scanner";
import type { PrettyLanguage } from "./file-kind";

/** Two-space indents, no wrapping: a long expression stays on one line, as in the source. */
const OPTIONS = { indent_size: 2, end_with_newline: true, max_preserve_newlines: 2 } as const;

/**
 * Lays out minified JavaScript, JSON or CSS for reading, with js-beautify
 * (a tokenizer, so strings, template literals, regexes and comments are
 * kept whole). Runs in the engine pool (the `pretty` task): a big bundle
 * takes hundreds of ms.
 *
 * @example
 * prettyPrint('{"a":1,"b":[2,3]}', "json")
 * // → '{\n  "a": 1,\n  "b": [2, 3]\n}\n'
 */
export function prettyPrint(text: string, lang: PrettyLanguage): string {
  if (text === "") return "";
  installStickyScanner();
  return lang === "css" ? beautify.css(text, OPTIONS) : beautify.js(text, OPTIONS);
}
