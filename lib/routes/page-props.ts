/** What Next hands a `[...slug]` page (params and the query, both as promises). */
export interface SlugPageProps {
  params: Promise<{ slug: string[] }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** The same under a dynamic `[ecosystem]` segment (`/hex/diff/…`). */
export interface EcosystemPageProps {
  params: Promise<{ ecosystem: string; slug: string[] }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}
