#!/usr/bin/env node
/**
 * Writes default.vcl for a list of replicas to stdout:
 *   node deploy/varnish/render-vcl.mjs 10.0.0.11:3000 10.0.0.12:3000 > /etc/varnish/default.vcl
 */
import { readFile } from "node:fs/promises";
import { parseReplica, renderVcl, VCL_TEMPLATE } from "./varnishd.mjs";

try {
  if (process.argv.length < 3) throw new Error("usage: node deploy/varnish/render-vcl.mjs <host:port> [<host:port> …]");
  process.stdout.write(renderVcl(await readFile(VCL_TEMPLATE, "utf8"), process.argv.slice(2).map(parseReplica)));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}
