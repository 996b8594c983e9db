import Link from "next/link";
import { UpgradeListBox } from "@/components/multi-diff/upgrade-list-box";
import { SearchBox } from "@/components/search/search-box";
import { homeSearch } from "@/lib/search/home";

const EXAMPLES = [
  { name: "react", from: "18.2.0", to: "18.3.1" },
  { name: "vue", from: "3.4.21", to: "3.5.13" },
  { name: "@babel/core", from: "7.24.9", to: "7.25.2" },
];

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function HomePage({ searchParams }: Props) {
  const [{ q }, search] = await Promise.all([searchParams, homeSearch()]);
  const labels = search.ecosystems.map((e) => e.label);
  return (
    <div className="home">
      <h1>pkgdiff</h1>
      <p className="lead">See every file that changed between two published versions of a package from {labels.join(" or ")}, highlighted.</p>
      <SearchBox indexPath={search.indexPath} ecosystems={search.ecosystems} initialQuery={typeof q === "string" ? q : ""} />
      {search.ecosystems.length > 1 && (
        <p className="muted" data-testid="search-prefixes">
          Start with {search.ecosystems.map((e, i) => (
            <span key={e.id}>
              {i > 0 && " or "}
              <code>{e.id}:</code>
            </span>
          ))}{" "}
          to search one ecosystem only.
        </p>
      )}
      <p className="muted">
        Or open <code>/diff/&lt;package&gt;/&lt;from&gt;..&lt;to&gt;</code>: versions can be exact, dist-tags (<code>latest</code>) or
        ranges (<code>^18</code>); <code>/diff/&lt;package&gt;</code> lists the versions.
      </p>
      <h2>Examples</h2>
      <ul className="examples">
        {EXAMPLES.map((e) => (
          <li key={e.name}>
            <Link href={`/diff/${e.name}/${e.from}..${e.to}`} prefetch={false}>
              {e.name} {e.from} → {e.to}
            </Link>
          </li>
        ))}
      </ul>
      <UpgradeListBox ecosystems={search.ecosystems} />
    </div>
  );
}
