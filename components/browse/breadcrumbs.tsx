import Link from "next/link";
import { browsePath } from "@/lib/browse/browse-path";
import { ancestorsOf, baseName } from "@/lib/browse/folders";

/** `pkg@1.2.0 / lib / util.ts`: every folder on the way is a link. */
export function Breadcrumbs({ name, version, path, prefix = "" }: { name: string; version: string; path: string; prefix?: string }) {
  return (
    <nav className="browse-crumbs mono" aria-label="Breadcrumbs" data-testid="breadcrumbs">
      {path === "" ? (
        <span aria-current="page">
          {name}@{version}
        </span>
      ) : (
        <Link href={browsePath(name, version, "", prefix)} prefetch={false}>
          {name}@{version}
        </Link>
      )}
      {ancestorsOf(path).map((folder) => (
        <span key={folder}>
          <span className="sep">/</span>
          <Link href={browsePath(name, version, folder, prefix)} prefetch={false}>
            {baseName(folder)}
          </Link>
        </span>
      ))}
      {path !== "" && (
        <span>
          <span className="sep">/</span>
          <span aria-current="page">{baseName(path)}</span>
        </span>
      )}
    </nav>
  );
}
