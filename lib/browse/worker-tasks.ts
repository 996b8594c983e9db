import { type AnyPoolTask, poolTask } from "../workers/task";
import type { PrettyLanguage } from "./file-kind";
import { prettyPrint } from "./pretty";

/** Input of the pretty task: one file's text and the language to lay it out as. */
export interface PrettyInput {
  text: string;
  lang: PrettyLanguage;
}

/** The text laid out (browse's "pretty" view), in the worker pool. */
export const prettyTask = poolTask("pretty", ({ text, lang }: PrettyInput) => prettyPrint(text, lang));

/** Browse's work in the worker pool; the worker bundle serves WORKER_TASKS (scripts/build-workers.mjs). */
export const WORKER_TASKS: readonly AnyPoolTask[] = [prettyTask];
