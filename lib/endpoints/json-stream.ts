import { orderedStream } from "./ordered-stream";

/** Array items serialized per part of a streamed JSON body (a few hundred KB of text). */
const DEFAULT_CHUNK_ITEMS = 1000;

const encoder = new TextEncoder();

/**
 * `JSON.stringify(value)`, the same text, with the array at `value[key]`
 * serialized in chunks of `chunkItems` items as the client reads: a diff of
 * tens of thousands of files does not hold the event loop (or a second copy
 * of its JSON in memory) for one long stringify. Up to `chunkItems` items
 * it is the plain string. `value` is a plain object whose keys keep their
 * insertion order (no integer-like keys).
 *
 * @example
 * return new Response(jsonBody(diffSummary(diff), "files"), { headers });
 */
export function jsonBody(value: Record<string, unknown>, key: string, chunkItems: number = DEFAULT_CHUNK_ITEMS): string | ReadableStream<Uint8Array> {
  const items = value[key];
  if (!Array.isArray(items) || items.length <= chunkItems) return JSON.stringify(value);
  const entries = Object.entries(value);
  const at = entries.findIndex(([name]) => name === key);
  const before = JSON.stringify(Object.fromEntries(entries.slice(0, at)));
  const after = JSON.stringify(Object.fromEntries(entries.slice(at + 1)));
  // `{"a":1` + `,"files":[` … `]` + `,"b":2}`, with no comma next to an empty side.
  const head = `${before.slice(0, -1)}${before === "{}" ? "" : ","}${JSON.stringify(key)}:[`;
  const tail = `]${after === "{}" ? "}" : `,${after.slice(1)}`}`;
  const chunks = Math.ceil(items.length / chunkItems);
  const part = (i: number): string => {
    const text = items
      .slice(i * chunkItems, (i + 1) * chunkItems)
      .map((item: unknown) => JSON.stringify(item) ?? "null")
      .join(",");
    return `${i === 0 ? head : ","}${text}${i === chunks - 1 ? tail : ""}`;
  };
  return orderedStream(chunks, async (i) => encoder.encode(part(i)), { ahead: 1 });
}
