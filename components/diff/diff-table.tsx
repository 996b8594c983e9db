import type { DiffRow } from "@/lib/render/diff-rows";
import { lineAnchor } from "@/lib/render/anchors";

/** A unified diff table. Line numbers are links to their own anchors. */
export function DiffTable({ path, rows }: { path: string; rows: DiffRow[] }) {
  return (
    <table className="diff hl">
      <colgroup>
        <col className="num" />
        <col className="num" />
        <col />
      </colgroup>
      <tbody>
        {rows.map((row, index) => {
          if (row.type === "hunk") {
            return (
              <tr key={index} className="hunk">
                <td colSpan={3}>{row.header}</td>
              </tr>
            );
          }
          if (row.type === "no-newline") {
            return (
              <tr key={index} className="no-newline">
                <td className="num" />
                <td className="num" />
                <td className="code">\ No newline at end of file</td>
              </tr>
            );
          }
          const oldId = row.oldLine === undefined ? undefined : lineAnchor(path, "L", row.oldLine);
          const newId = row.newLine === undefined ? undefined : lineAnchor(path, "R", row.newLine);
          return (
            <tr key={index} className={row.kind}>
              <td className="num" id={oldId}>
                {oldId && <a href={`#${oldId}`}>{row.oldLine}</a>}
              </td>
              <td className="num" id={newId}>
                {newId && <a href={`#${newId}`}>{row.newLine}</a>}
              </td>
              <td className="code" dangerouslySetInnerHTML={{ __html: row.html }} />
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
