import { type ErrorKind, isPkgdiffError } from "../errors";
import { statusFor } from "./status";

/** What an error page or error response shows: no stack, no internal path. */
export interface Problem {
  status: number;
  kind: ErrorKind | "internal";
  message: string;
  packageName?: string;
  nearest?: string[];
  retryAfter?: number;
  /** Which pages failed ("browse" links nearest versions to browse pages, else diffs). */
  family?: "diff" | "browse";
  /** The failed page's ecosystem URL prefix ("" for npm), for the links to its versions. */
  prefix?: string;
}

/** Turns anything thrown into what a user may see. Unknown errors become a bare 500. */
export function toProblem(error: unknown): Problem {
  if (isPkgdiffError(error)) {
    return {
      status: statusFor(error),
      kind: error.kind,
      message: error.message,
      packageName: error.details.packageName,
      nearest: error.details.nearest,
      retryAfter: error.details.retryAfter,
    };
  }
  return { status: 500, kind: "internal", message: "Something went wrong on our side. Please try again." };
}

/** The header that carries a problem from the proxy to the error page it rewrites to. */
export const PROBLEM_HEADER = "x-pkgdiff-problem";

export function encodeProblem(problem: Problem): string {
  return encodeURIComponent(JSON.stringify(problem));
}

/** Parses the problem header; anything malformed reads as "no problem". */
export function decodeProblem(raw: string | null): Problem | undefined {
  if (!raw) return undefined;
  try {
    const value: unknown = JSON.parse(decodeURIComponent(raw));
    if (typeof value !== "object" || value === null) return undefined;
    const v = value as Record<string, unknown>;
    if (typeof v.status !== "number" || typeof v.message !== "string" || typeof v.kind !== "string") return undefined;
    return {
      status: v.status,
      kind: v.kind as Problem["kind"],
      message: v.message,
      packageName: typeof v.packageName === "string" ? v.packageName : undefined,
      nearest: Array.isArray(v.nearest) ? v.nearest.filter((x): x is string => typeof x === "string") : undefined,
      retryAfter: typeof v.retryAfter === "number" && v.retryAfter > 0 ? v.retryAfter : undefined,
      family: v.family === "browse" ? "browse" : "diff",
      // Only a prefix shaped like one ("/hex") is kept: it goes into links.
      ...(typeof v.prefix === "string" && /^\/[a-z][a-z0-9]*$/.test(v.prefix) ? { prefix: v.prefix } : {}),
    };
  } catch {
    return undefined;
  }
}

/** A problem as a route-handler response: JSON for APIs, plain text for patches. */
export function problemResponse(error: unknown, format: "json" | "text"): Response {
  const problem = toProblem(error);
  if (problem.status === 500) console.error(error);
  const headers = new Headers({ "cache-control": "no-store" });
  if (problem.retryAfter) headers.set("retry-after", String(problem.retryAfter));
  if (format === "json") {
    headers.set("content-type", "application/json; charset=utf-8");
    const { status, ...body } = problem;
    return new Response(JSON.stringify({ error: body }), { status, headers });
  }
  headers.set("content-type", "text/plain; charset=utf-8");
  const nearest = problem.nearest?.length ? `\nNearest versions: ${problem.nearest.join(", ")}` : "";
  return new Response(`${problem.message}${nearest}\n`, { status: problem.status, headers });
}
