import { escapeHtml } from "../html/escape";
import { toProblem } from "../http/problem";
import { type DiffProgress, describeProgress } from "../service/progress";

/**
 * The progress events of one request's computation, kept from the moment
 * the request starts (before anyone knows whether a page will show them),
 * and handed on to the page once it listens.
 */
export class ProgressFeed {
  private readonly events: DiffProgress[] = [];
  private listener: ((event: DiffProgress) => void) | undefined;

  /** For `RequestContext.onProgress`. */
  readonly push = (event: DiffProgress): void => {
    this.events.push(event);
    this.listener?.(event);
  };

  /** Replays what came so far, then hands on what comes. */
  listen(listener: (event: DiffProgress) => void): void {
    for (const event of this.events) listener(event);
    this.listener = listener;
  }
}

/** Resolves true when `work` settles within `ms` (rethrowing its failure), false when it is still running then. */
export async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const settled = work.then(() => true as const);
  // When it fails after the race was lost, the failure is the caller's to show (it holds `work`).
  settled.catch(() => undefined);
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}

export interface ProgressPageOptions {
  /** What is being prepared, for the title: "react 18.2.0..18.3.1". */
  title: string;
  feed: ProgressFeed;
  /** The computation the page waits for. */
  done: Promise<unknown>;
  /** The reader went away (tab closed): the request stops waiting. */
  onCancel: () => void;
}

/**
 * The page a diff that takes a while answers with (200, never cached): one
 * status line per progress event as the work advances, then, once the diff
 * is ready, a `<meta http-equiv="refresh">` that loads the same URL again,
 * now served from the cache as usual. No script: without JavaScript it ends
 * on the diff all the same. An error after the page started is shown in
 * place, saying that the status already sent (200) could not tell it.
 */
export function progressPage({ title, feed, done, onCancel }: ProgressPageOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let closed = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (html: string): void => {
        if (!closed) controller.enqueue(encoder.encode(html));
      };
      write(pageHead(title));
      feed.listen((event) => write(`<li>${escapeHtml(describeProgress(event))}</li>\n`));
      done
        .then(
          () => write(READY),
          // Once the reader has gone, its own abort is what failed: nobody to tell, nothing to log.
          (error: unknown) => closed || write(failure(error)),
        )
        .finally(() => {
          if (closed) return;
          closed = true;
          controller.close();
        });
    },
    cancel() {
      closed = true;
      onCancel();
    },
  });
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:46rem;padding:0 1rem;color:#1f2328}
ol{padding-left:1.2rem}li{font-family:ui-monospace,monospace}.muted{color:#59636e}
[role=alert]{border:1px solid #d1242f;border-radius:6px;padding:.75rem 1rem;background:#ffebe9}`;

function pageHead(title: string): string {
  const safe = escapeHtml(title);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preparing ${safe} · pkgdiff</title><meta name="robots" content="noindex"><style>${STYLE}</style></head>
<body><main data-testid="diff-progress"><h1>Preparing the diff of ${safe}</h1>
<p class="muted">Not in the cache yet: fetching and diffing it now. The diff shows here when it is ready.</p>
<ol aria-live="polite">
`;
}

const READY = `</ol><p>Ready: loading the diff… (<a href="">open it</a> if it does not appear)</p>
<meta http-equiv="refresh" content="0"></main></body></html>
`;

function failure(error: unknown): string {
  const problem = toProblem(error);
  if (problem.status === 500) console.error(error);
  return `</ol><div role="alert"><p><strong>The diff could not be prepared (${problem.status}).</strong> ${escapeHtml(problem.message)}</p>
<p class="muted">This page had already started with status 200, so the error is shown here instead of as the response status. <a href="">Try again</a>.</p></div>
</main></body></html>
`;
}
