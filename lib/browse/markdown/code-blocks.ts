import { highlightLines } from "../../highlight/highlighter";
import { KNOWN_LANGUAGES, languageForPath } from "../../highlight/language";

/*
 * A README's fenced code blocks, highlighted where the Markdown is rendered:
 * in a worker of the pool (lib/browse/worker-tasks.ts), so nothing of shiki
 * runs on the main thread for a README.
 */

/** Shiki's id for a fenced code block's info string (`js`, `sh`, `typescript`…), or "text". */
function codeBlockLanguage(info: string): string {
  const lang = info.toLowerCase();
  if (KNOWN_LANGUAGES.includes(lang)) return lang;
  const aliases: Record<string, string> = { console: "shellscript", shell: "shellscript", zsh: "shellscript", js: "javascript" };
  return aliases[lang] ?? languageForPath(`file.${lang}`);
}

/** Highlights a README's fenced code block (small ones only: a README is not the place for 10k-line listings). */
export async function highlightCodeBlock(code: string, info: string): Promise<string[] | undefined> {
  const lang = codeBlockLanguage(info);
  if (lang === "text" || code.length > 100_000) return undefined;
  return highlightLines(code.split("\n"), lang);
}
