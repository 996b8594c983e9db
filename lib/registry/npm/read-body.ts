/**
 * A body within `maxBytes`, refused before downloading when the server
 * declares a longer one (Content-Length), and as soon as more arrives when
 * it does not: `tooLarge()` is thrown either way.
 */
export async function readBodyWithin(
  response: Response,
  maxBytes: number,
  onProgress: () => void,
  tooLarge: () => Error,
): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  const body = await readBodyLimited(response, maxBytes, onProgress);
  if (body === undefined) throw tooLarge();
  return body;
}

/**
 * Reads a response body into one buffer, calling `onProgress` per chunk
 * (the caller's inactivity timer) and stopping as soon as more than
 * `maxBytes` arrived, so a hostile or broken server cannot make us buffer
 * more than the limit. Returns `undefined` when the limit was passed.
 */
export async function readBodyLimited(
  response: Response,
  maxBytes: number,
  onProgress: () => void,
): Promise<Uint8Array | undefined> {
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
    onProgress();
  }
  return concat(chunks, total);
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** Lets go of a body we will not read, so the connection can be reused. */
export async function discardBody(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}
