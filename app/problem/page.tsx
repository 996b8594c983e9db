import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import Link from "next/link";
import { decodeProblem, PROBLEM_HEADER, type Problem } from "@/lib/http/problem";
import { encodeName } from "@/lib/routes/diff-path";

export const metadata: Metadata = { title: "Problem", robots: { index: false } };

const TITLES: Record<string, string> = {
  bad_request: "That URL doesn't look right",
  not_found: "Package not found",
  version_not_found: "Version not found",
  path_not_found: "File not found",
  upstream: "The registry failed",
  timeout: "The registry took too long",
  integrity: "The registry sent a tarball that failed its integrity check",
  forbidden_origin: "The registry pointed at a tarball on another host",
  too_large: "This package is too large",
  bad_tarball: "This package's tarball can't be read",
  overloaded: "Too busy right now",
  not_configured: "Not configured on this server",
  read_only: "Down for maintenance",
  rate_limited: "Too many new diffs at once",
  internal: "Something went wrong",
};

/** Rendered (with the right HTTP status) when the proxy rewrites a failed request here. */
export default async function ProblemPage() {
  const problem = decodeProblem((await headers()).get(PROBLEM_HEADER));
  if (!problem) notFound();
  return <ProblemView problem={problem} />;
}

function ProblemView({ problem }: { problem: Problem }) {
  return (
    <div className="problem" data-testid="problem">
      <p className="code">{problem.status}</p>
      <h1>{TITLES[problem.kind] ?? TITLES.internal}</h1>
      <p>{problem.message}</p>
      {problem.retryAfter && (
        <p data-testid="retry-after">
          Please try again in {problem.retryAfter} second{problem.retryAfter === 1 ? "" : "s"}.
        </p>
      )}
      {problem.nearest && problem.nearest.length > 0 && problem.packageName && (
        <>
          <p>Nearest published versions:</p>
          <ul data-testid="nearest">
            {problem.nearest.map((v) => (
              <li key={v}>
                <Link
                  href={`${problem.prefix ?? ""}/${problem.family === "browse" ? "browse" : "diff"}/${encodeName(problem.packageName ?? "")}/${encodeURIComponent(v)}`}
                  prefetch={false}
                >
                  {v}
                </Link>
              </li>
            ))}
          </ul>
          <p>
            <Link href={`${problem.prefix ?? ""}/diff/${encodeName(problem.packageName)}`} prefetch={false}>
              All versions of {problem.packageName}
            </Link>
          </p>
        </>
      )}
      {(problem.kind === "not_found" || problem.kind === "bad_request") && (
        <p>
          <Link href="/">Search for a package</Link>
        </p>
      )}
    </div>
  );
}
