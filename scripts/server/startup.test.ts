import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Runs scripts/server.mjs to its end; a bad variable stops it before Next is loaded, so no build is needed. */
function runServer(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["scripts/server.mjs"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", REGISTRY_URL: "http://127.0.0.1:9", PORT: "0", HOSTNAME: "127.0.0.1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("scripts/server.mjs with a bad server variable", () => {
  it.each([
    ["TRUST_PROXY", "lots"],
    ["PORT", "99999"],
    ["LOG_REQUESTS", "sometimes"],
    ["SHUTDOWN_TIMEOUT_MS", "-1"],
    ["RESPONSE_CACHE_BYTES", "big"],
  ])("%s=%s: one startup-failed line naming it on stderr, nothing on stdout, exit 2", async (variable, value) => {
    const { code, stdout, stderr } = await runServer({ [variable]: value });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: "error", event: "startup-failed", variable, message: expect.stringContaining(variable) });
  });
});
