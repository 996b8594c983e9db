"use client";

import { useRouter } from "next/navigation";
import { browsePath, FALLBACK_PARAM } from "@/lib/browse/browse-path";
import type { VersionOption } from "@/lib/browse/browse-page";
import type { PackageRef } from "./package-ref";

interface Props extends PackageRef {
  path: string;
  /** Newest first. */
  versions: VersionOption[];
}

/**
 * Opens the same path in another version. The server keeps the path when
 * that version has it and otherwise redirects to its nearest folder, then
 * the root (`?fallback`, resolved by the proxy before anything renders).
 */
export function VersionSwitcher({ name, prefix = "", version, path, versions }: Props) {
  const router = useRouter();
  return (
    <label className="version-switcher">
      <span className="visually-hidden">Version</span>
      <select
        aria-label="Version"
        data-testid="version-switcher"
        value={version}
        onChange={(event) => router.push(`${browsePath(name, event.target.value, path, prefix)}?${FALLBACK_PARAM}=1`)}
      >
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            {v.version}
            {v.tags.length ? ` (${v.tags.join(", ")})` : ""}
            {v.deprecated ? " — deprecated" : ""}
          </option>
        ))}
      </select>
    </label>
  );
}
