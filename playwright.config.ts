import { execFileSync } from "node:child_process";
import { defineConfig, devices } from "@playwright/test";

/**
 * The app's and the two fixture servers' ports: E2E_PORT, FIXTURE_PORT and HEX_FIXTURE_PORT when
 * set, else free loopback ports. The runner loads this file first and picks them; its workers
 * inherit them through the environment, so every process agrees, and an `npm test` in another
 * checkout runs beside this one without a port of its own to set.
 */
function choosePorts(names: readonly string[]): void {
  const missing = names.filter((name) => !process.env[name]);
  if (missing.length === 0) return;
  // Held open together, so the ports differ; closed before the servers take them.
  const script = `const net = require("node:net");
const servers = Array.from({ length: ${missing.length} }, () => net.createServer());
Promise.all(servers.map((s) => new Promise((ok) => s.listen(0, "127.0.0.1", ok)))).then(() => {
  console.log(servers.map((s) => s.address().port).join(" "));
  for (const s of servers) s.close();
});`;
  const ports = execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim().split(" ");
  missing.forEach((name, i) => (process.env[name] = ports[i]));
}
choosePorts(["E2E_PORT", "FIXTURE_PORT", "HEX_FIXTURE_PORT"]);

const APP_PORT = Number(process.env.E2E_PORT);
const FIXTURE_PORT = Number(process.env.FIXTURE_PORT);
const fixtureUrl = `http://127.0.0.1:${FIXTURE_PORT}/`;
const HEX_FIXTURE_PORT = Number(process.env.HEX_FIXTURE_PORT);
const hexFixtureUrl = `http://127.0.0.1:${HEX_FIXTURE_PORT}/`;
// Written by fixtures/hex/serve.ts before it listens, so it exists once the app server starts.
// One file per port (two checkouts may run side by side); the fixture server deletes it when it stops.
const hexKeyFile = `.cache/e2e-hex/${HEX_FIXTURE_PORT}.pem`;

/**
 * E2E runs against one production build (`npm run build`, served by scripts/server.mjs) whose
 * registry is the local fixture registry, and whose Hex repository is the one
 * fixtures/hex/ builds with hex_core: no test reaches the internet.
 * Chromium is Debian's (Playwright can't download its own here).
 */
export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  // No retries, on CI either: a test that passes on its second try has an ordering bug to fix.
  retries: 0,
  workers: 2,
  // Upper bounds, never delays: a test waits only as long as it has to. Sized for a 2-core machine
  // running two suites at once (another checkout's `npm test` beside this one), where a cold page
  // took 3-4 times its quiet-machine time; `test.slow()` triples it.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: [
    {
      command: "node --import tsx fixtures/serve.ts",
      url: `${fixtureUrl}demo-pkg`,
      env: { FIXTURE_PORT: String(FIXTURE_PORT) },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // The first run of a checkout builds the repository with rebar3 (tens of seconds); later runs read it from .cache/.
      command: "node --import tsx fixtures/hex/serve.ts",
      url: `${hexFixtureUrl}names`,
      env: { HEX_FIXTURE_PORT: String(HEX_FIXTURE_PORT), HEX_FIXTURE_KEY_FILE: hexKeyFile },
      reuseExistingServer: false,
      timeout: 240_000,
    },
    {
      // Every run starts from an empty cache folder: a diff or tarball kept by an earlier run
      // (or an older build) would turn the misses the tests mean to cause into hits.
      command: `node -e "require('node:fs').rmSync(process.env.CACHE_DIR, { recursive: true, force: true })" && npm run build && PORT=${APP_PORT} HOSTNAME=127.0.0.1 node scripts/server.mjs`,
      url: `http://127.0.0.1:${APP_PORT}/healthz`,
      env: {
        REGISTRY_URL: fixtureUrl,
        HEX_REPO_URL: hexFixtureUrl,
        HEX_REPO_PUBLIC_KEY: hexKeyFile,
        // A cold fixture diff takes well under a second, but several seconds on a loaded machine: only
        // a diff the test holds at the registry (e2e/progress.spec.ts) should get the progress page.
        PROGRESS_AFTER_MS: "8000",
        CACHE_DIR: ".cache/e2e",
        // Every browser test is the same client (127.0.0.1); the limit has its own tests.
        RATE_LIMIT_MISSES: "0",
        // A small fixture popularity list instead of the real one (lib/config.mjs).
        SEARCH_INDEX_FILE: "fixtures/search-index.txt",
        NEXT_TELEMETRY_DISABLED: "1",
      },
      reuseExistingServer: false,
      timeout: 240_000,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
