import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // `server-only` throws outside a React Server environment; lib code is plain Node in tests.
      "server-only": fileURLToPath(new URL("./lib/testing/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "fixtures/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts", "components/**/*.test.ts"],
    environment: "node",
    // The process-wide pool runs tasks inline in tests: a dist/ bundle left by an earlier build
    // may be stale. lib/workers tests build their own bundle and pool.
    env: { PKGDIFF_WORKERS: "0" },
    testTimeout: 20_000,
    // Hooks start fixture registries and servers (~0.5 s alone): the same bound as a test, so a
    // machine loaded by a stress run and another suite (one beforeAll took over 10 s) does not fail them.
    hookTimeout: 20_000,
  },
});
