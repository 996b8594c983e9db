import { isEngineError, isTaskTimeout } from "../workers/errors";
import type { TaskRunner } from "../workers/pooled";
import type { PoolTask } from "../workers/task";
import type { PrettyLanguage } from "./file-kind";
import type { MarkdownBase } from "./markdown/urls";
import { markdownTask, prettyTask } from "./worker-tasks";

/** A pretty-print may take this long in a worker; past it the file is shown as published. */
export const PRETTY_TIMEOUT_MS = 10_000;

/** A README's rendering (its code blocks highlighted) may take this long in a worker; past it the source is shown. */
export const MARKDOWN_TIMEOUT_MS = 10_000;

/** Why browse's work in the pool gave no result: past its deadline, or the engine failed. */
export type PoolFailure = "timeout" | "failed";

/** The laid-out text, or the original one and why. */
export type PrettyResult = { ok: true; text: string } | { ok: false; text: string; failure: PoolFailure };

/** The rendered HTML, or why there is none (the page then shows the source). */
export type MarkdownResult = { ok: true; html: string } | { ok: false; failure: PoolFailure };

/**
 * One task of browse's in the pool with a deadline. Past it, or if the
 * engine fails (a library bug, a worker out of memory: worth a log line,
 * not a broken page), the reason comes back instead of the result; what is
 * not an engine error is a bug on this side and is thrown.
 */
async function runWithDeadline<In, Out>(
  pool: TaskRunner,
  task: PoolTask<In, Out>,
  input: In,
  timeoutMs: number,
  what: string,
): Promise<{ ok: true; value: Out } | { ok: false; failure: PoolFailure }> {
  try {
    return { ok: true, value: await pool.run(task, input, { timeoutMs }) };
  } catch (error) {
    if (isTaskTimeout(error)) return { ok: false, failure: "timeout" };
    if (!isEngineError(error)) throw error;
    console.warn(`${what} failed (${error.kind}): ${error.message}`);
    return { ok: false, failure: "failed" };
  }
}

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
  const out = await runWithDeadline(pool, prettyTask, { text, lang }, opts.timeoutMs ?? PRETTY_TIMEOUT_MS, `pretty-print of a ${lang} file`);
  return out.ok ? { ok: true, text: out.value } : { ok: false, text, failure: out.failure };
}

/**
 * `renderMarkdown()` (sanitizer, URL policy and code-block highlighting
 * included) in the worker pool, with a deadline: a README with a thousand
 * code blocks must not stall other requests, nor hang this one.
 *
 * @example
 * const out = await markdownInPool(getEnginePool(), "# Hi", { name: "a", version: "1.0.0", folder: "", prefix: "" });
 * if (out.ok) out.html; // '<h1 id="md-hi">Hi</h1>'
 */
export async function markdownInPool(
  pool: TaskRunner,
  source: string,
  base: MarkdownBase,
  opts: { timeoutMs?: number } = {},
): Promise<MarkdownResult> {
  const out = await runWithDeadline(pool, markdownTask, { source, base }, opts.timeoutMs ?? MARKDOWN_TIMEOUT_MS, `Markdown of ${base.name}@${base.version}`);
  return out.ok ? { ok: true, html: out.value } : out;
}
