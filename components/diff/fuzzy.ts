/**
 * True when every character of `query` appears in `text` in order
 * (case-insensitive): `utl` matches `lib/util.ts`.
 */
export function fuzzyMatch(query: string, text: string): boolean {
  const q = query.toLowerCase();
  const t = text.toLowerCase();
  let i = 0;
  for (let j = 0; j < t.length && i < q.length; j++) if (t[j] === q[i]) i++;
  return i === q.length;
}
