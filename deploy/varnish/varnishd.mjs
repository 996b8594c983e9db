/**
 * Runs Debian's varnishd in front of pkgdiff replicas, with this folder's
 * default.vcl: for the tests (lib/testing/varnish.ts) and `npm run cluster`.
 * Plain JS for Node 20: it runs without a build step.
 *
 * @example
 * const varnish = await startVarnishd({ replicas: [{ host: "127.0.0.1", port: 3001 }] });
 * await varnish.waitUntilHealthy();
 * await fetch(`${varnish.url}/diff/react/18.2.0..18.3.0`);
 * await varnish.stop();
 */
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

/** The repo's VCL: a template whose replica list `renderVcl` writes. */
export const VCL_TEMPLATE = path.join(import.meta.dirname, "default.vcl");

/**
 * `host:port` (`[::1]:3000` for IPv6) as a replica.
 *
 * @example
 * parseReplica("10.0.0.11:3000"); // { host: "10.0.0.11", port: 3000 }
 *
 * @param {string} text
 * @returns {{ host: string, port: number }}
 */
export function parseReplica(text) {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(text.trim());
  const port = Number(match?.[3]);
  if (!match || port < 1 || port > 65_535) throw new Error(`A replica is host:port, got ${JSON.stringify(text)}.`);
  return { host: match[1] ?? match[2] ?? "", port };
}

/**
 * The VCL with one backend per replica (`replica_1`, `replica_2`, …, in this
 * order) in place of the template's examples: the lines between
 * `# replicas:begin` and `# replicas:end`, and between `# director:begin`
 * and `# director:end`.
 *
 * @param {string} template
 * @param {readonly { host: string, port: number }[]} replicas
 */
export function renderVcl(template, replicas) {
  if (replicas.length === 0) throw new Error("Varnish needs at least one replica.");
  const names = replicas.map((_, i) => `replica_${i + 1}`);
  const backends = replicas.map(({ host, port }, i) => `backend ${names[i]} { .host = ${JSON.stringify(host)}; .port = "${port}"; .probe = healthz; }`);
  const adds = names.map((name) => `    replicas.add_backend(${name});`);
  return between(between(template, "replicas", backends), "director", adds);
}

/**
 * @param {string} text
 * @param {string} marker
 * @param {string[]} lines
 */
function between(text, marker, lines) {
  const block = new RegExp(`(# ${marker}:begin[^\\n]*\\n)[\\s\\S]*?(\\n[ \\t]*# ${marker}:end)`);
  if (!block.test(text)) throw new Error(`The VCL template has no "# ${marker}:begin" … "# ${marker}:end" block.`);
  return text.replace(block, (_, begin, end) => `${begin}${lines.join("\n")}${end}`);
}

/** Debian installs varnishd in /usr/sbin, which a user's PATH may lack. */
const VARNISHD = existsSync("/usr/sbin/varnishd") ? "/usr/sbin/varnishd" : "varnishd";

/**
 * Header sizes beyond Varnish's defaults (8 KiB of headers, 32 KiB of head): a
 * `/diffs` page of 50 packages with long names carries up to ~11 KiB of surrogate keys.
 */
const VARNISHD_PARAMS = { http_resp_hdr_len: "32k", http_resp_size: "64k" };

/**
 * Starts `varnishd -F` (a foreground child) with the VCL rendered for
 * `replicas`, in a fresh working folder (`-n`) under the system's temp
 * folder, and resolves once its cache process runs. `listen` and `admin`
 * default to free loopback ports; the ones taken are `port` and the
 * admin address varnishadm finds through `-n`.
 *
 * @param {import("./varnishd.d.mts").VarnishdOptions} options
 * @returns {Promise<import("./varnishd.d.mts").Varnishd>}
 */
export async function startVarnishd({ replicas, listen = "127.0.0.1:0", admin = "127.0.0.1:0", storage = "malloc,256m", params = {}, template = VCL_TEMPLATE }) {
  const dir = await mkdtemp(path.join(tmpdir(), "pkgdiff-varnish-"));
  // Run as root, varnishd compiles the VCL as its own unprivileged user: it must be able to read it.
  await chmod(dir, 0o755);
  const workDir = path.join(dir, "n");
  const vclFile = path.join(dir, "default.vcl");
  await writeFile(vclFile, renderVcl(await readFile(template, "utf8"), replicas), { mode: 0o644 });
  const flags = Object.entries({ ...VARNISHD_PARAMS, ...params }).flatMap(([name, value]) => ["-p", `${name}=${value}`]);
  const args = ["-F", "-n", workDir, "-a", listen, "-T", admin, "-f", vclFile, "-s", storage, ...flags];
  const child = spawn(VARNISHD, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const launched = new Promise((resolve, reject) => {
    const read = (/** @type {Buffer} */ chunk) => {
      output += chunk.toString();
      if (output.includes("Child launched OK")) resolve(undefined);
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.once("error", reject);
    exited.then(({ code, signal }) => reject(new Error(`varnishd exited (${signal ?? code}) before it served:\n${output.trim()}`)));
  });
  const adm = async (/** @type {string[]} */ ...command) => (await promisify(execFile)("varnishadm", ["-n", workDir, ...command])).stdout;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await launched;
    // "a0 127.0.0.1 40619": the address -a took (a port of the system's choosing for :0).
    const [, address = "", portText] = (await adm("debug.listen_address")).trim().split(/\s+/);
    const port = Number(portText);
    if (!Number.isInteger(port)) throw new Error("varnishd did not say which port it listens on");
    const host = address === "0.0.0.0" ? "127.0.0.1" : address === "::" ? "[::1]" : address.includes(":") ? `[${address}]` : address;
    const health = async () => {
      const [, , , backends] = JSON.parse(await adm("backend.list", "-j"));
      /** @type {Record<string, "healthy" | "sick">} */
      const byName = {};
      for (const [name, backend] of Object.entries(backends)) {
        if (backend.type === "backend") byName[name.slice(name.indexOf(".") + 1)] = backend.probe_message[2];
      }
      return byName;
    };
    const waitUntilHealthy = async (timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const states = await health();
        if (Object.values(states).every((state) => state === "healthy")) return;
        if (Date.now() > deadline) throw new Error(`Replicas not healthy after ${timeoutMs} ms: ${JSON.stringify(states)}`);
        // Probes run every second (default.vcl): ask again a little later, not in a busy loop.
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    return { url: `http://${host}:${port}`, port, workDir, pid: child.pid, adm, health, waitUntilHealthy, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
