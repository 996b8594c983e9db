"use client";

import { useRouter } from "next/navigation";
import { diffPath } from "@/lib/routes/diff-path";
import type { PackageRef } from "./package-ref";

interface Props extends PackageRef {
  /** `#file-<path>` when a file is open, so the diff opens at it. */
  anchor: string;
  /** Newest first: a version later in the list is older. */
  versions: string[];
}

/** "Compare with…": the diff between this version and the one picked, older side first. */
export function CompareWith({ name, prefix = "", version, anchor, versions }: Props) {
  const router = useRouter();
  const here = versions.indexOf(version);
  if (versions.length < 2) return null;
  return (
    <select
      aria-label="Compare with…"
      data-testid="compare-with"
      className="compare-with"
      value=""
      onChange={(event) => {
        const other = event.target.value;
        if (!other) return;
        const olderFirst = versions.indexOf(other) > here;
        router.push((olderFirst ? diffPath(name, other, version, "html", prefix) : diffPath(name, version, other, "html", prefix)) + anchor);
      }}
    >
      <option value="">Compare with…</option>
      {versions
        .filter((v) => v !== version)
        .map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
    </select>
  );
}
