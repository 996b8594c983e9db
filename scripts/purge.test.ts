import { execFile } from "node:child_process";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../lib/testing/redis-server.mjs";

/**
 * scripts/purge.mjs against a stand-in that answers as deploy/varnish/default.vcl
 * does (lib/testing/varnish.test.ts runs it against the real varnishd).
 */
let server: Server;
let url: string;
let answer: { status: number; purged?: number } = { status: 200, purged: 0 };
const seen: { method?: string; headers: IncomingHttpHeaders }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ method: req.method, headers: req.headers });
    if (answer.purged !== undefined) res.setHeader("x-purged", String(answer.purged));
    res.writeHead(answer.status).end(answer.status === 200 ? `{"purged":${answer.purged}}\n` : "Forbidden\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Runs the script; resolves with its exit code and output, whatever the code. */
function purge(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    // Only these variables: a VARNISH_URL or CLUSTER_PORT of the machine's must not decide where it goes.
    const childEnv: NodeJS.ProcessEnv = { NODE_ENV: "test", PATH: process.env.PATH, ...env };
    const child = execFile(process.execPath, ["scripts/purge.mjs", ...args], { env: childEnv }, (error, stdout, stderr) =>
      resolve({ code: error ? (child.exitCode ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("scripts/purge.mjs", () => {
  it("sends PURGE with the package's key and prints how many responses went", async () => {
    answer = { status: 200, purged: 3 };
    const result = await purge(["@babel/core", "--varnish", url]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toBe(`Purged 3 cached responses about npm package @babel/core (key pkg:npm:@babel/core) from ${url}.\n`);
    expect(seen.at(-1)).toMatchObject({ method: "PURGE", headers: { xkey: "pkg:npm:@babel/core" } });
  });

  it("purges a Hex package, or every package of an ecosystem, at VARNISH_URL", async () => {
    answer = { status: 200, purged: 1 };
    expect((await purge(["decimal", "--ecosystem", "hex"], { VARNISH_URL: url })).stdout).toContain("Purged 1 cached response about hex package decimal");
    expect(seen.at(-1)?.headers.xkey).toBe("pkg:hex:decimal");
    expect((await purge(["--all"], { VARNISH_URL: url })).code).toBe(0);
    expect(seen.at(-1)?.headers.xkey).toBe("eco:npm");
  });

  it("fails (exit 1) when Varnish refuses or cannot be reached", async () => {
    answer = { status: 403 };
    const refused = await purge(["react", "--varnish", url]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`Varnish at ${url} did not purge npm package react: 403`);
    // A port nothing listens on: the stand-in's, closed for the moment.
    const port = await freePort();
    const unreachable = await purge(["react"], { CLUSTER_PORT: String(port) });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain(`Could not reach Varnish at http://127.0.0.1:${port} to purge npm package react`);
  });

  it("refuses bad usage (exit 2) before sending anything", async () => {
    const before = seen.length;
    for (const args of [[], ["a", "b"], ["react eco:npm"], ["a,b"], ["react", "--ecosystem", "Hex!"], ["--all", "react"], ["react", "--varnish", "ftp://x"], ["react", "--nope"]]) {
      const result = await purge([...args, ...(args.includes("--varnish") ? [] : ["--varnish", url])]);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr).toContain("usage: node scripts/purge.mjs");
    }
    expect(seen.length).toBe(before);
  });
});
