import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * Counts turns of the event loop (one setImmediate after another) until
 * stopped: code that says it gives the loop back between steps should see
 * the count move between them. Ordering only, no clock.
 *
 * @example
 * const turns = countTurns();
 * const seen: number[] = [];
 * await work((step) => seen.push(turns.now));
 * turns.stop();
 * // seen is strictly increasing when every step ran on a turn of its own
 */
export function countTurns(): { readonly now: number; stop(): void } {
  let now = 0;
  let counting = true;
  void (async () => {
    while (counting) {
      await nextTurn();
      now += 1;
    }
  })();
  return {
    get now() {
      return now;
    },
    stop() {
      counting = false;
    },
  };
}
