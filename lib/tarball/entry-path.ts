import { PkgdiffError } from "../errors";

/** Longest entry name quoted in an error message; pax names can be megabytes long. */
const MAX_QUOTED_NAME = 200;

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
 * older publishers wrote `node/`, `mypkg-1.0.0/` and the like.
 *
 * @example
 * toPackagePath("package/lib/index.js"); // "lib/index.js"
 * toPackagePath("mypkg-1.0.0/./README.md"); // "README.md"
 * toPackagePath("package/"); // null
 * toPackagePath("package/../../etc/passwd"); // throws PkgdiffError("bad_tarball")
 */
export function toPackagePath(name: string): string | null {
  if (name.includes("\0")) refuse(name, "its name contains a NUL byte");
  if (/^[/\\]/.test(name) || /^[a-zA-Z]:/.test(name)) refuse(name, "its path is absolute");
  if (name.split(/[/\\]/).includes("..")) refuse(name, "its path contains a '..' component");

  const parts = name.split("/").filter((part) => part !== "" && part !== ".");
  if (parts.length < 2) return null;
  return parts.slice(1).join("/");
}

function refuse(name: string, reason: string): never {
  const quoted = name.length > MAX_QUOTED_NAME ? `${name.slice(0, MAX_QUOTED_NAME)}…` : name;
  throw new PkgdiffError("bad_tarball", `The tarball has an unsafe entry ${JSON.stringify(quoted)}: ${reason}.`);
}
