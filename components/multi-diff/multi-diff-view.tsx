import { DiffPageScripts } from "@/components/diff/diff-view";
import { ViewControls } from "@/components/diff/view-controls";
import type { DiffPageOptions } from "@/lib/routes/diff-options";
import type { DiffsEntry } from "@/lib/upgrades/entries";
import { entryKey } from "@/lib/upgrades/entries";
import type { RequestContext } from "@/lib/service/request-context";
import { MultiDiffEntry, OPEN_ENTRIES } from "./multi-diff-entry";

interface Props {
  entries: DiffsEntry[];
  options: DiffPageOptions;
  context: RequestContext;
}

/**
 * `/diffs`: many upgrades on one page. The shell (this header and every
 * entry's placeholder) goes out first; each entry's diff streams into its
 * place when it is ready, in whatever order they finish.
 */
export function MultiDiffView({ entries, options, context }: Props) {
  return (
    <>
      <DiffPageScripts />
      <div className="diff-head multi-head">
        <h1 data-testid="multi-title">
          {entries.length} {entries.length === 1 ? "upgrade" : "upgrades"}
        </h1>
        <ViewControls view={options.view} ignoreWhitespace={options.ignoreWhitespace} />
      </div>
      <p className="muted multi-lead">
        Each package&apos;s diff appears here as soon as it is ready{entries.length > OPEN_ENTRIES ? `; past the first ${OPEN_ENTRIES} they start folded` : ""}.
      </p>
      <ol className="multi-entries" aria-label="Upgrades">
        {entries.map((entry, index) => (
          <li key={entryKey(entry)}>
            <MultiDiffEntry entry={entry} options={options} context={context} open={index < OPEN_ENTRIES} />
          </li>
        ))}
      </ol>
    </>
  );
}
