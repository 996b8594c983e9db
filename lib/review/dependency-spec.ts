import semver from "semver";

/** Where a dependency spec says to install from. */
export type SpecKind = "range" | "tag" | "git" | "url" | "file" | "alias" | "workspace";

/**
 * What kind of spec a dependency gives, as npm reads it: a semver range
 * (exact versions included), a dist-tag, or a source outside the
 * registry's versions (git, a tarball URL, a local path, an `npm:` alias,
 * a workspace). Follows npm-package-arg's order of checks, without its
 * hosted-git table: any `owner/repo` shorthand counts as git.
 *
 * @example
 * specKind("^1.2.0") // → "range"
 * specKind("latest") // → "tag"
 * specKind("git+https://example.com/a/b.git") // → "git"
 * specKind("owner/repo#v1") // → "git"
 * specKind("https://example.com/b-1.0.0.tgz") // → "url"
 * specKind("file:../b") // → "file"
 * specKind("npm:other@^2") // → "alias"
 */
export function specKind(spec: string): SpecKind {
  const s = spec.trim();
  if (s.startsWith("npm:")) return "alias";
  if (s.startsWith("workspace:")) return "workspace";
  if (/^(?:file:|link:|\.{1,2}\/|\/|~\/)/.test(s)) return "file";
  if (/^(?:git\+|git:|github:|gitlab:|bitbucket:|gist:)/.test(s) || /^git@/.test(s)) return "git";
  if (/^https?:\/\//.test(s)) return /\.git(?:#.*)?$/.test(s) ? "git" : "url";
  if (s === "" || semver.validRange(s) !== null) return "range";
  if (/^[^@/\s]+\/[^/\s]+$/.test(s)) return "git";
  return "tag";
}

/** Words for a source outside the registry, for messages. */
export const SOURCE_LABEL: Record<Exclude<SpecKind, "range" | "tag">, string> = {
  git: "a git repository",
  url: "a tarball URL",
  file: "a local path",
  alias: "an alias to another package",
  workspace: "a workspace",
};
