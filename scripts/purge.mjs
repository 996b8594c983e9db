#!/usr/bin/env node
/**
 * Purges every response about one package from Varnish (README "Behind
 * Varnish"): for the rare case an immutable answer must go — a version
 * unpublished, a security takedown, a change of ENGINE_VERSION.
 *
 *   node scripts/purge.mjs <name> [--ecosystem hex] [--varnish http://127.0.0.1:8080]
 *   node scripts/purge.mjs --all [--ecosystem hex]    (every package of the ecosystem)
 *
 * Sends `PURGE /` with the package's surrogate key in the `xkey` header
 * (lib/http/surrogate-keys.mjs); deploy/varnish/default.vcl purges every
 * cached object tagged with it and answers how many went, which this prints.
 * The Varnish is --varnish, else VARNISH_URL, else the local cluster's on
 * CLUSTER_PORT (lib/config.mjs). Exit codes: 0 purged (also when nothing was
 * cached), 1 Varnish refused or could not be reached, 2 bad usage.
 */
import { parseArgs } from "node:util";
import { ConfigError, loadPurgeConfig } from "../lib/config.mjs";
import { ecosystemKey, packageKey, SURROGATE_KEY_HEADER } from "../lib/http/surrogate-keys.mjs";

const USAGE = "usage: node scripts/purge.mjs <name> [--ecosystem npm|hex] [--varnish http://127.0.0.1:8080]\n       node scripts/purge.mjs --all [--ecosystem npm|hex] [--varnish …]";

/** @param {string} message */
function usage(message) {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: { ecosystem: { type: "string", default: "npm" }, varnish: { type: "string" }, all: { type: "boolean", default: false } },
    allowPositionals: true,
  });
} catch (error) {
  usage(error instanceof Error ? error.message : String(error));
}
const { values, positionals } = args;
const ecosystem = values.ecosystem ?? "npm";
if (!/^[a-z][a-z0-9]*$/.test(ecosystem)) usage(`--ecosystem takes an ecosystem id such as npm or hex, got ${JSON.stringify(ecosystem)}.`);
if (values.all ? positionals.length !== 0 : positionals.length !== 1) usage("Name one package, or --all for every package of the ecosystem.");
const name = positionals[0] ?? "";
// xkey splits its header on spaces and commas: such a "name" would purge other keys too.
if (!values.all && (name === "" || /[\s,]/.test(name))) usage(`${JSON.stringify(name)} is no package name.`);

let varnishUrl;
try {
  varnishUrl = values.varnish ? loadPurgeConfig({ VARNISH_URL: values.varnish }).varnishUrl : loadPurgeConfig().varnishUrl;
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  usage(values.varnish ? `--varnish must be an http(s) URL, got ${JSON.stringify(values.varnish)}.` : error.message);
}

const key = values.all ? ecosystemKey(ecosystem) : packageKey(ecosystem, name);
const what = values.all ? `every ${ecosystem} package` : `${ecosystem} package ${name}`;
let response;
try {
  response = await fetch(`${varnishUrl}/`, { method: "PURGE", headers: { [SURROGATE_KEY_HEADER]: key }, signal: AbortSignal.timeout(30_000) });
} catch (error) {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
  console.error(`Could not reach Varnish at ${varnishUrl} to purge ${what}: ${cause}`);
  process.exit(1);
}
const body = await response.text();
const purged = Number(response.headers.get("x-purged"));
if (response.status !== 200 || !Number.isSafeInteger(purged)) {
  console.error(`Varnish at ${varnishUrl} did not purge ${what}: ${response.status} ${response.statusText}${body.trim() ? `\n${body.trim()}` : ""}`);
  process.exit(1);
}
console.log(`Purged ${purged} cached ${purged === 1 ? "response" : "responses"} about ${what} (key ${key}) from ${varnishUrl}.`);
