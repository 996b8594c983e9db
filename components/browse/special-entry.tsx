import type { PackageSpecialEntry } from "@/lib/tarball/types";

/** Symlinks, hard links and device entries: shown for what they are, never followed or read. */
export function SpecialEntry({ entry }: { entry: PackageSpecialEntry }) {
  return (
    <div className="browse-file">
      <div className="browse-file-bar">
        <span className="browse-file-name mono">{entry.path}</span>
        <span className="muted">{entry.kind === "other" ? entry.tarType : entry.kind}</span>
      </div>
      <p className="browse-note">
        {entry.kind === "symlink" || entry.kind === "hardlink" ? (
          <>
            A {entry.kind === "symlink" ? "symbolic" : "hard"} link to <code>{entry.linkTarget ?? "?"}</code>.{" "}
          </>
        ) : (
          <>A {entry.tarType} entry. </>
        )}
        Links and special entries are listed, never followed.
      </p>
    </div>
  );
}
