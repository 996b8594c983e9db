import { isEngineError, isTaskTimeout } from "../workers/errors";
import type { TaskRunner } from "../workers/pooled";
import type { PrettyLanguage } from "./file-kind";
import { prettyTask } from "./worker-tasks";

/** A pretty-print may take this long in a worker; past it the file is shown as published. */
export const PRETTY_TIMEOUT_MS = 10_000;

/** Why the pretty-printed view fell back to the file as published. */
export type PrettyFailure = "timeout" | "failed";

/** The laid-out text, or the original one and why. */
export type PrettyResult = { ok: true; text: string } | { ok: false; text: string; failure: PrettyFailure };

/**
 * `prettyPrint()` in the worker pool, with a deadline: a multi-megabyte
 * bundle must not stall other requests, nor hang this one. Past the
 * deadline, or if the engine fails, the original text comes back with the
 * reason, for the page to show as a note instead of an error.
 *
 * @example
 * const out = await prettyInPool(getEnginePool(), text, "js");
 * if (!out.ok) console.log(out.failure); // "timeout": out.text is the original
 */
export async function prettyInPool(
  pool: TaskRunner,
  text: string,
  lang: PrettyLanguage,
  opts: { timeoutMs?: number } = {},
): Promise<PrettyResult> {
  try {
    return { ok: true, text: await pool.run(prettyTask, { text, lang }, { timeoutMs: opts.timeoutMs ?? PRETTY_TIMEOUT_MS }) };
  } catch (error) {
    if (isTaskTimeout(error)) return { ok: false, text, failure: "timeout" };
    if (!isEngineError(error)) throw error;
    // A beautifier bug or a worker out of memory: worth a log line, not a broken page.
    console.warn(`pretty-print of a ${lang} file failed (${error.kind}): ${error.message}`);
    return { ok: false, text, failure: "failed" };
  }
}
