import { BAR_WIDTH, CARD_HEIGHT, CARD_WIDTH, type CardModel, FILE_FONT } from "@/lib/previews/card-model";
import { groupDigits } from "@/lib/format-count";

/** GitHub's dark palette: what the diff page's dark theme reads like. */
const C = { bg: "#0d1117", panel: "#161b22", fg: "#e6edf3", muted: "#8b949e", border: "#30363d", add: "#3fb950", del: "#f85149", notice: "#d29922" };
const TONE = { attention: C.del, notice: C.notice, clear: C.add } as const;

/**
 * The card as satori draws it (flexbox only: every element with more than
 * one child says `display: flex`). The layout decisions (sizes, cuts, bar
 * widths) are made in lib/previews/card-model.ts.
 */
export function Card({ card }: { card: CardModel }) {
  return (
    <div style={{ width: CARD_WIDTH, height: CARD_HEIGHT, display: "flex", flexDirection: "column", background: C.bg, color: C.fg, padding: "44px 64px 40px", fontFamily: "Geist" }}>
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", fontSize: 28, color: C.muted }}>
        <div style={{ display: "flex", fontWeight: 700 }}>
          <span style={{ color: C.fg }}>pkg</span>
          <span style={{ color: C.add }}>diff</span>
        </div>
        <div style={{ display: "flex", border: `2px solid ${C.border}`, borderRadius: 8, padding: "2px 14px", fontSize: 24 }}>{card.ecosystem}</div>
      </div>
      <div style={{ display: "flex", marginTop: 24, fontSize: card.name.size, fontWeight: 700, lineHeight: 1.1, whiteSpace: "nowrap" }}>{card.name.text}</div>
      <div style={{ display: "flex", marginTop: 6, fontSize: card.versions.size, color: C.muted, whiteSpace: "nowrap" }}>{card.versions.text}</div>
      <div style={{ display: "flex", marginTop: 14, fontSize: 30, gap: 18, alignItems: "baseline" }}>
        <span>{card.files}</span>
        <span style={{ color: C.add, fontWeight: 700 }}>{card.lines.additions}</span>
        <span style={{ color: C.del, fontWeight: 700 }}>{card.lines.deletions}</span>
      </div>
      <div style={{ display: "flex", flexDirection: "column", marginTop: 18, borderTop: `2px solid ${C.border}`, paddingTop: 14, flexGrow: 1 }}>
        {card.top.map((file) => (
          <div key={file.label} style={{ display: "flex", alignItems: "center", height: 36, fontSize: FILE_FONT }}>
            <span style={{ display: "flex", flexGrow: 1, fontFamily: "Geist Mono", whiteSpace: "nowrap" }}>{file.label}</span>
            {file.additions + file.deletions === 0 ? (
              <span style={{ color: C.muted, width: 180 + BAR_WIDTH + 16, justifyContent: "flex-end", display: "flex" }}>{file.binary ? "binary" : file.status}</span>
            ) : (
              <div style={{ display: "flex", alignItems: "center" }}>
                <span style={{ display: "flex", justifyContent: "flex-end", width: 180, gap: 10 }}>
                  <span style={{ color: C.add }}>+{groupDigits(file.additions)}</span>
                  <span style={{ color: C.del }}>−{groupDigits(file.deletions)}</span>
                </span>
                <div style={{ display: "flex", width: BAR_WIDTH, height: 14, marginLeft: 16, background: C.panel, borderRadius: 3 }}>
                  <div style={{ display: "flex", width: file.addWidth, height: 14, background: C.add }} />
                  <div style={{ display: "flex", width: file.delWidth, height: 14, background: C.del }} />
                </div>
              </div>
            )}
          </div>
        ))}
        {card.more > 0 && <div style={{ display: "flex", fontSize: 22, color: C.muted, marginTop: 2 }}>{`and ${groupDigits(card.more)} more ${card.more === 1 ? "file" : "files"}`}</div>}
      </div>
      {card.headline && (
        <div style={{ display: "flex", alignItems: "center", fontSize: 26, gap: 14, whiteSpace: "nowrap" }}>
          <div style={{ display: "flex", width: 16, height: 16, borderRadius: 8, background: TONE[card.headline.tone] }} />
          <span style={{ color: card.headline.tone === "clear" ? C.fg : TONE[card.headline.tone] }}>{card.headline.text}</span>
        </div>
      )}
    </div>
  );
}
