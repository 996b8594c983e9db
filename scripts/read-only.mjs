#!/usr/bin/env node
/**
 * Flips shared mode's read-only flag for every replica at once (issue 14):
 *
 *   REDIS_URL=redis://… node scripts/read-only.mjs on|off
 *
 * While on, every replica serves what is cached and answers new
 * computations and downloads with a 503 maintenance page. Prints the new
 * state. Exit codes: 0 done, 1 Redis failed, 2 bad argument or no REDIS_URL.
 * A single process without Redis is made read-only with READ_ONLY=1 instead.
 */
import { createClient } from "redis";
import { ConfigError, loadSharedConfig } from "../lib/config.mjs";
import { setReadOnlyFlag } from "../lib/shared/keys.mjs";

const USAGE = "usage: node scripts/read-only.mjs on|off   (with REDIS_URL set)";

const [argument, ...extra] = process.argv.slice(2);
if ((argument !== "on" && argument !== "off") || extra.length > 0) {
  console.error(USAGE);
  process.exit(2);
}

let redisUrl;
try {
  ({ redisUrl } = loadSharedConfig());
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(2);
}
if (!redisUrl) {
  console.error(`REDIS_URL is not set. ${USAGE}\nA single process without Redis is made read-only by starting it with READ_ONLY=1.`);
  process.exit(2);
}

const client = createClient({ url: redisUrl, socket: { connectTimeout: 5_000, reconnectStrategy: false } });
client.on("error", () => undefined);
try {
  await client.connect();
  await setReadOnlyFlag(client, argument === "on");
  console.log(`read-only: ${argument}`);
} catch (error) {
  console.error(`Could not set the flag in Redis at ${new URL(redisUrl).host}: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  if (client.isOpen) await client.close();
}
