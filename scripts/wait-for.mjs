// Waiting for a started server to answer, bounded: used by `npm run cluster` and its tests.
/**
 * Polls `check` until it returns true, or rejects after `timeoutMs`. A check
 * that throws counts as "not yet". The pause between tries is the poll's
 * granularity, not an ordering of events: the condition is what is waited for.
 *
 * @param {() => Promise<boolean> | boolean} check
 * @param {{ timeoutMs: number, intervalMs?: number, what?: string }} options
 */
async function waitFor(check, { timeoutMs, intervalMs = 100, what = "the condition" }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Waits until `url` answers 2xx.
 *
 * @param {string} url
 * @param {{ timeoutMs: number }} options
 */
export function waitForHttp(url, { timeoutMs }) {
  return waitFor(async () => (await fetch(url)).ok, { timeoutMs, what: url });
}
