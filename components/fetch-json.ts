/**
 * GETs one of pkgdiff's JSON endpoints. A failure throws an Error with the
 * message the endpoint gave (`{ error: { message } }`), or the status.
 */
export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `Loading failed (${response.status}).`);
  }
  return (await response.json()) as T;
}
