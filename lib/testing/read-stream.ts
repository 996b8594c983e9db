/**
 * Reads a response body until `enough(textSoFar)` says so, or to its end:
 * for tests of streamed pages that wait for a line instead of a delay.
 * Returns what was read.
 */
export async function readStreamUntil(reader: ReadableStreamDefaultReader<Uint8Array>, enough: (text: string) => boolean): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  while (!enough(text)) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    text += decoder.decode(value, { stream: true });
  }
  return text;
}
