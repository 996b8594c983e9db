"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { VersionPicker } from "@/components/versions/version-picker";
import { encodeName } from "@/lib/routes/diff-path";
import type { SearchEcosystem } from "@/lib/search/api-types";
import { type PickerData, parsePackagesAnswer, pickerData } from "@/lib/search/version-picker";

class PackagesApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function loadVersions(prefix: string, name: string, signal: AbortSignal): Promise<PickerData> {
  const response = await fetch(`/api/v1${prefix}/packages/${encodeName(name)}`, { signal });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const message = readErrorMessage(body) ?? `The versions of ${name} did not load (${response.status}).`;
    throw new PackagesApiError(response.status, message);
  }
  return pickerData(parsePackagesAnswer(body));
}

function readErrorMessage(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null || !("error" in body)) return undefined;
  const error = body.error;
  return typeof error === "object" && error !== null && "message" in error && typeof error.message === "string" ? error.message : undefined;
}

/** The chosen package's version pickers, on the home page under the search box. */
export function PackagePicker({ ecosystem, name }: { ecosystem: SearchEcosystem; name: string }) {
  const prefix = ecosystem.urlPrefix;
  const query = useQuery({
    queryKey: ["package-versions", ecosystem.id, name],
    queryFn: ({ signal }) => loadVersions(prefix, name, signal),
    staleTime: 60_000,
    retry: (count, error) => !(error instanceof PackagesApiError && error.status < 500) && count < 1,
  });
  return (
    <section className="package-picker" aria-label={`Versions of ${name}`} data-testid="package-picker">
      <h2>
        {name}{" "}
        <span className="search-ecosystem">{ecosystem.label}</span>{" "}
        <Link href={`${prefix}/diff/${encodeName(name)}`} className="all-versions" prefetch={false}>
          all versions
        </Link>
      </h2>
      {query.isPending && <p className="muted">Loading versions…</p>}
      {query.isError && (
        <p className="search-error" role="alert">
          {query.error.message}
        </p>
      )}
      {query.data && <VersionPicker key={name} data={query.data} prefix={prefix} />}
    </section>
  );
}
