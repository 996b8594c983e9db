import { PkgdiffError } from "../errors";

/** Longest entry name quoted in an error message; pax names can be megabytes long. */
const MAX_QUOTED_NAME = 200;

export interface EntryPathOptions {
  /** Default true (npm): drop the archive's one top folder from every path. */
  stripTopFolder?: boolean;
}

/**
 * Turns a tar entry name into a package path: `/`-separated, top folder
 * stripped, `.` and empty components dropped. Returns `null` for an entry
 * that is the top folder itself or sits beside it (one path component, like
 * `package/` or a stray `README`): npm (pacote unpacks with node-tar's
 * `strip: 1`) drops those entries, and so do we.
 *
 * Refuses the whole tarball (`bad_tarball`) for an absolute name (`/x`,
 * `C:\x`, `\\server\x`), any `..` component or a NUL byte. Backslashes count
 * as separators for that check because Windows tools extract them as such;
 * in the returned path they are kept, since on the systems npm packages are
 * mostly unpacked on they are ordinary file-name characters.
 *
 * The top folder is stripped whatever its name: npm writes `package/`, but
 * older publishers wrote `node/`, `mypkg-1.0.0/` and the like. Formats whose
 * files sit at the archive's root (Hex's `contents.tar.gz`) pass
 * `stripTopFolder: false`: every path is kept whole and only an entry that
 * names the root itself (`./`) is dropped.
 *
 * @example
 * toPackagePath("package/lib/index.js"); // "lib/index.js"
 * toPackagePath("mypkg-1.0.0/./README.md"); // "README.md"
 * toPackagePath("package/"); // null
 * toPackagePath("package/../../etc/passwd"); // throws PkgdiffError("bad_tarball")
 * toPackagePath("mix.exs", { stripTopFolder: false }); // "mix.exs"
 */
export function toPackagePath(name: string, options: EntryPathOptions = {}): string | null {
  if (name.includes("\0")) refuse(name, "its name contains a NUL byte");
  if (/^[/\\]/.test(name) || /^[a-zA-Z]:/.test(name)) refuse(name, "its path is absolute");
  if (name.split(/[/\\]/).includes("..")) refuse(name, "its path contains a '..' component");

  const parts = name.split("/").filter((part) => part !== "" && part !== ".");
  const strip = options.stripTopFolder ?? true;
  if (parts.length < (strip ? 2 : 1)) return null;
  return (strip ? parts.slice(1) : parts).join("/");
}

function refuse(name: string, reason: string): never {
  const quoted = name.length > MAX_QUOTED_NAME ? `${name.slice(0, MAX_QUOTED_NAME)}…` : name;
  throw new PkgdiffError("bad_tarball", `The tarball has an unsafe entry ${JSON.stringify(quoted)}: ${reason}.`);
}
