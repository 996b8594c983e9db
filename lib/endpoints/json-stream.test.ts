import { describe, expect, it } from "vitest";
import { getService } from "../service/instance";
import { withAppEnv } from "../testing/app-env";
import { diffSummary } from "./api";
import { jsonBody } from "./json-stream";

withAppEnv();

async function text(body: string | ReadableStream<Uint8Array>): Promise<string> {
  return typeof body === "string" ? body : new Response(body).text();
}

describe("jsonBody", () => {
  it.each([
    ["demo-pkg", "1.1.0", "1.2.0"],
    ["demo-pkg", "1.0.0", "2.0.0-rc.1"],
    ["@scope/widget", "1.0.0", "1.1.0"],
    ["odd-top", "1.0.0", "1.0.1"],
  ])("streams the JSON API's body of %s %s..%s as the one JSON.stringify gave", async (name, from, to) => {
    const summary = diffSummary(await getService("npm").getDiff(name, from, to, { ignoreWhitespace: false }));
    expect(summary.files.length).toBeGreaterThan(1);
    for (const chunkItems of [1, 2, 3].filter((n) => n < summary.files.length)) {
      const body = jsonBody(summary, "files", chunkItems);
      expect(typeof body, "streamed").not.toBe("string");
      expect(await text(body), `chunks of ${chunkItems}`).toBe(JSON.stringify(summary));
    }
  });

  it.each([
    ["first", { items: [1, { a: "x" }, null], b: 2 }],
    ["last", { a: "\u2028\"q\"", items: [[1], "two", 3] }],
    ["alone", { items: [1, 2, 3, 4] }],
    ["between undefined fields", { a: undefined, items: [undefined, () => 1, 3], b: undefined, c: { d: [] } }],
  ])("writes the same text with the array %s", async (_, value) => {
    expect(await text(jsonBody(value, "items", 2))).toBe(JSON.stringify(value));
  });

  it("is the plain string up to one chunk", () => {
    const value = { name: "x", files: [{ path: "a" }] };
    expect(jsonBody(value, "files", 1)).toBe(JSON.stringify(value));
  });
});
