import { type AnyPoolTask, poolTask } from "../workers/task";
import type { PrettyLanguage } from "./file-kind";
import { highlightCodeBlock } from "./markdown/code-blocks";
import { renderMarkdown } from "./markdown/render";
import type { MarkdownBase } from "./markdown/urls";
import { prettyPrint } from "./pretty";

/** Input of the pretty task: one file's text and the language to lay it out as. */
export interface PrettyInput {
  text: string;
  lang: PrettyLanguage;
}

/** The text laid out (browse's "pretty" view), in the worker pool. */
export const prettyTask = poolTask("pretty", ({ text, lang }: PrettyInput) => prettyPrint(text, lang));

/** Input of the markdown task: a Markdown file's text and where it sits (for its relative links). */
export interface MarkdownInput {
  source: string;
  base: MarkdownBase;
}

/** A README rendered, sanitized and its code blocks highlighted, in the worker pool. */
export const markdownTask = poolTask("markdown", ({ source, base }: MarkdownInput) =>
  renderMarkdown(source, { base, highlight: highlightCodeBlock }),
);

/** Browse's work in the worker pool; the worker bundle serves WORKER_TASKS (scripts/build-workers.mjs). */
export const WORKER_TASKS: readonly AnyPoolTask[] = [prettyTask, markdownTask];
