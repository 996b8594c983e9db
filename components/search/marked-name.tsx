import { type MarkRange, splitMarked } from "@/lib/search/marks";

/** A package name with the parts that matched the query in `<mark>`. */
export function MarkedName({ name, marks }: { name: string; marks: readonly MarkRange[] }) {
  return (
    <span className="search-name">
      {splitMarked(name, marks).map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </span>
  );
}
