import { setImmediate as nextTurn } from "node:timers/promises";

/** Options of orderedStream(). */
export interface OrderedStreamOptions {
  /**
   * Parts started but not yet read by the consumer, at most (default 2):
   * the stream runs that far ahead of a slow client, no further.
   */
  ahead?: number;
  /** Told when a part fails (the stream then errors and the response is cut off). */
  onError?: (error: unknown) => void;
}

/**
 * A byte stream of `count` parts in order, part `i` made by `produce(i)`.
 * Parts are made only as the consumer reads: at most `ahead` are started
 * beyond what it has taken, so a slow client holds back the work instead
 * of piling up its output in memory. Cancelling the stream (the client went
 * away) starts no further part; parts already started run to their end and
 * are dropped. Empty parts are skipped. Each part is handed on in a turn
 * of the event loop of its own.
 *
 * @example
 * const body = orderedStream(batches.length, (i) => serializePatchBatch(pool, batches[i]!.files, sides, options));
 * return new Response(body, { headers });
 */
export function orderedStream(
  count: number,
  produce: (index: number) => Promise<Uint8Array>,
  { ahead = 2, onError }: OrderedStreamOptions = {},
): ReadableStream<Uint8Array> {
  const started: Promise<Uint8Array>[] = [];
  let next = 0;
  let cancelled = false;
  const fill = (): void => {
    while (!cancelled && next < count && started.length < ahead) {
      const index = next++;
      const part = Promise.resolve().then(() => produce(index));
      // Read (and reported) in order by pull(); this keeps a part failing while an earlier one is read from going unhandled.
      part.catch(() => undefined);
      started.push(part);
    }
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          fill();
          const part = started.shift();
          if (part === undefined) {
            controller.close();
            return;
          }
          let bytes: Uint8Array;
          try {
            bytes = await part;
          } catch (error) {
            cancelled = true;
            onError?.(error);
            throw error;
          }
          if (cancelled) return;
          if (bytes.byteLength === 0) continue;
          // One part per turn of the event loop: parts that are ready at once (sections the workers
          // wrote already, JSON encoded here) would otherwise go out back to back through promise
          // callbacks for as long as the socket takes them (tens of MB on loopback), and every
          // other request would wait for the lot.
          await nextTurn();
          if (cancelled) return;
          controller.enqueue(bytes);
          // Starts the next parts now, so they run while the consumer writes this one out.
          fill();
          return;
        }
      },
      cancel() {
        cancelled = true;
        started.length = 0;
      },
    },
    // Nothing is made ahead of a read but the `ahead` parts above.
    { highWaterMark: 0 },
  );
}
