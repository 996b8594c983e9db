// Types of deploy/varnish/varnishd.mjs (plain JS, so `npm run cluster` runs it without a build step).

export interface Replica {
  host: string;
  port: number;
}

export interface VarnishdOptions {
  /** The app replicas, in the round-robin's order. */
  replicas: readonly Replica[];
  /** `-a`: where clients connect; default `127.0.0.1:0` (a free port). */
  listen?: string;
  /** `-T`: the admin (varnishadm) address; default `127.0.0.1:0`. */
  admin?: string;
  /** `-s`: default `malloc,256m`. */
  storage?: string;
  /** More `-p name=value` parameters (over the two this module always sets). */
  params?: Record<string, string>;
  /** The VCL template; default this folder's default.vcl. */
  template?: string;
}

export interface Varnishd {
  /** e.g. `http://127.0.0.1:40619`. */
  url: string;
  port: number;
  /** The `-n` folder: `varnishadm -n <workDir> …`, `varnishlog -n <workDir> …`. */
  workDir: string;
  pid: number | undefined;
  /** One varnishadm command's output; rejects when it fails. */
  adm(...command: string[]): Promise<string>;
  /** Each backend's probe verdict, by its VCL name (`replica_1`, …). */
  health(): Promise<Record<string, "healthy" | "sick">>;
  /** Resolves once every replica passed its probes; rejects after `timeoutMs` (default 15000). */
  waitUntilHealthy(timeoutMs?: number): Promise<void>;
  /** SIGTERM, wait for the exit, remove the working folder. */
  stop(): Promise<void>;
}

export declare const VCL_TEMPLATE: string;
export declare function parseReplica(text: string): Replica;
export declare function renderVcl(template: string, replicas: readonly Replica[]): string;
export declare function startVarnishd(options: VarnishdOptions): Promise<Varnishd>;
