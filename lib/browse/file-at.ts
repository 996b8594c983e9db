import "server-only";
import { PkgdiffError } from "../errors";
import type { Ecosystem } from "../registry/ecosystem";
import { getService } from "../service/instance";
import type { RequestContext } from "../service/request-context";
import type { PackageFile } from "../tarball/types";
import { browsePath } from "./browse-path";
import { lookupPath } from "./package-files";

/** Segments after the route prefix, from the request path itself (still percent-encoded). */
export function segmentsAfter(request: Request, prefix: string): string[] {
  const { pathname } = new URL(request.url);
  if (!pathname.startsWith(prefix)) throw new PkgdiffError("bad_request", "Unexpected path.");
  return pathname.slice(prefix.length).split("/");
}

/**
 * The file at a canonical (exact-version) path, or a typed error saying why
 * there is none. `context` names the client: a tarball not yet cached counts
 * against its miss budget.
 */
export async function fileAt(ecosystem: Ecosystem, name: string, version: string, path: string, context: RequestContext): Promise<PackageFile> {
  const tree = await getService(ecosystem.id).getTree(name, version, context);
  const target = lookupPath(tree, path);
  switch (target.kind) {
    case "file":
      return target.file;
    case "folder":
      throw new PkgdiffError("path_not_found", `${path || "/"} is a folder in ${name}@${version}; browse it at ${browsePath(name, version, path, ecosystem.urlPrefix)}`);
    case "special":
      throw new PkgdiffError(
        "path_not_found",
        `${path} is a ${target.entry.kind}${target.entry.linkTarget ? ` to ${target.entry.linkTarget}` : ""} in ${name}@${version}; links are listed, never followed.`,
      );
    case "missing":
      throw new PkgdiffError("path_not_found", `${name}@${version} has no file ${path}.`);
  }
}

