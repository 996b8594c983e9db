import { type LinkReference, normalizeLabel } from "./inline";

export type Align = "left" | "center" | "right" | undefined;

export type Block =
  | { type: "heading"; level: number; text: string }
  | { type: "paragraph"; text: string }
  | { type: "code"; lang: string; text: string }
  | { type: "html"; text: string }
  | { type: "quote"; children: Block[] }
  | { type: "list"; ordered: boolean; start: number; tight: boolean; items: ListItem[] }
  | { type: "table"; align: Align[]; header: string[]; rows: string[][] }
  | { type: "hr" };

export interface ListItem {
  children: Block[];
  /** `[ ]` / `[x]` task items. */
  checked?: boolean;
}

const FENCE = /^( {0,3})(`{3,}|~{3,})\s*([^`\s]*)[^`]*$/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const HR = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?/;
const LIST_ITEM = /^( {0,3})([-+*]|\d{1,9}[.)])([ \t]+|$)/;
const HTML_START = /^ {0,3}<(?:!--|\/?[a-zA-Z][a-zA-Z0-9-]*(?:[\s/>]|$))/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const TABLE_DELIMITER = /^ {0,3}\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const REFERENCE = /^ {0,3}\[([^\]]+)\]:\s*<?([^\s>]+)>?(?:\s+(?:"([^"]*)"|'([^']*)'|\(([^)]*)\)))?\s*$/;
const INDENTED = /^(?: {4}|\t)/;

/**
 * Splits Markdown into blocks (CommonMark's block structure, simplified):
 * ATX and setext headings, paragraphs, fenced and indented code, block
 * quotes, nested lists (with task items), GFM tables, thematic breaks and
 * raw HTML blocks (kept as text: they are shown, never rendered). Link
 * reference definitions are removed and collected into `references`.
 */
export function parseBlocks(source: string, references: Map<string, LinkReference>): Block[] {
  const lines = source.replace(/\r\n?/g, "\n").replace(/\t/g, "    ").split("\n");
  return parseLines(lines, references);
}

function parseLines(lines: string[], references: Map<string, LinkReference>): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? "";
    if (line.trim() === "") {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const [, indent = "", marker = "", lang = ""] = fence;
      const body: string[] = [];
      i++;
      while (i < lines.length) {
        const inner = lines[i] ?? "";
        const closing = new RegExp(`^ {0,3}${marker[0] === "`" ? "`" : "~"}{${marker.length},}\\s*$`);
        if (closing.test(inner)) {
          i++;
          break;
        }
        body.push(inner.startsWith(indent) ? inner.slice(indent.length) : inner.trimStart());
        i++;
      }
      blocks.push({ type: "code", lang: lang.toLowerCase(), text: body.join("\n") });
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      blocks.push({ type: "heading", level: atx[1]?.length ?? 1, text: atx[2] ?? "" });
      i++;
      continue;
    }
    if (HR.test(line)) {
      blocks.push({ type: "hr" });
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && (QUOTE.test(lines[i] ?? "") || (inner.length > 0 && isLazy(lines[i] ?? "")))) {
        inner.push((lines[i] ?? "").replace(QUOTE, ""));
        i++;
      }
      blocks.push({ type: "quote", children: parseLines(inner, references) });
      continue;
    }
    if (LIST_ITEM.test(line)) {
      const list = parseList(lines, i, references);
      blocks.push(list.block);
      i = list.end;
      continue;
    }
    if (INDENTED.test(line)) {
      const body: string[] = [];
      while (i < lines.length && (INDENTED.test(lines[i] ?? "") || (lines[i] ?? "").trim() === "")) {
        body.push((lines[i] ?? "").replace(INDENTED, ""));
        i++;
      }
      while (body.length && body.at(-1)?.trim() === "") body.pop();
      blocks.push({ type: "code", lang: "", text: body.join("\n") });
      continue;
    }
    if (HTML_START.test(line)) {
      const body: string[] = [];
      const comment = line.trimStart().startsWith("<!--");
      while (i < lines.length && (lines[i] ?? "").trim() !== "") {
        body.push(lines[i] ?? "");
        i++;
        if (comment && body.at(-1)?.includes("-->")) break;
      }
      if (comment) {
        // A comment may run over blank lines; skip to its end.
        while (!body.join("\n").includes("-->") && i < lines.length) body.push(lines[i++] ?? "");
        const rest = body.join("\n").replace(/^\s*<!--[\s\S]*?-->/, "");
        if (rest.trim() !== "") blocks.push(...parseLines(rest.split("\n"), references));
      } else {
        blocks.push({ type: "html", text: body.join("\n") });
      }
      continue;
    }
    const table = parseTable(lines, i);
    if (table) {
      blocks.push(table.block);
      i = table.end;
      continue;
    }
    // A paragraph: lines until a blank line or the start of another block.
    const para: string[] = [];
    while (i < lines.length) {
      const current = lines[i] ?? "";
      if (current.trim() === "") break;
      if (para.length > 0) {
        const setext = SETEXT.exec(current);
        if (setext) {
          blocks.push({ type: "heading", level: setext[1]?.startsWith("=") ? 1 : 2, text: para.join("\n").trim() });
          para.length = 0;
          i++;
          break;
        }
        if (startsBlock(current)) break;
      }
      para.push(current);
      i++;
    }
    const text = takeReferences(para, references).join("\n").trim();
    if (text !== "") blocks.push({ type: "paragraph", text });
  }
  return blocks;
}

/** A line that continues a paragraph (or a quote, lazily) rather than starting a block. */
function isLazy(line: string): boolean {
  return line.trim() !== "" && !startsBlock(line);
}

function startsBlock(line: string): boolean {
  if (FENCE.test(line) || ATX.test(line) || HR.test(line) || QUOTE.test(line) || HTML_START.test(line)) return true;
  // Only bullets and "1." interrupt a paragraph (so "2013. A good year" stays text).
  const item = LIST_ITEM.exec(line);
  return item !== null && line.trim().length > (item[0] ?? "").trim().length && /^( {0,3})([-+*]|1[.)])/.test(line);
}

/** Link reference definitions at the start of a paragraph, removed into the map. */
function takeReferences(lines: string[], references: Map<string, LinkReference>): string[] {
  let k = 0;
  while (k < lines.length) {
    const match = REFERENCE.exec(lines[k] ?? "");
    if (!match?.[1] || !match[2]) break;
    const label = normalizeLabel(match[1]);
    if (!references.has(label)) references.set(label, { url: match[2], title: match[3] ?? match[4] ?? match[5] });
    k++;
  }
  return lines.slice(k);
}

function parseList(
  lines: string[],
  from: number,
  references: Map<string, LinkReference>,
): { block: Block; end: number } {
  const first = LIST_ITEM.exec(lines[from] ?? "");
  const marker = first?.[2] ?? "-";
  const ordered = /\d/.test(marker);
  const delimiter = ordered ? marker.slice(-1) : marker;
  const sameKind = (m: RegExpExecArray | null) =>
    m !== null && (ordered ? /\d/.test(m[2] ?? "") && (m[2] ?? "").endsWith(delimiter) : m[2] === delimiter);

  const items: { lines: string[]; offset: number }[] = [];
  let tight = true;
  let i = from;
  let sawBlank = false;
  while (i < lines.length) {
    const line = lines[i] ?? "";
    const item = LIST_ITEM.exec(line);
    const previous = items.at(-1);
    // A marker indented into the current item's content starts a nested list there.
    const nested = previous !== undefined && (item?.[1]?.length ?? 0) >= previous.offset;
    if (item && sameKind(item) && !nested) {
      if (sawBlank && items.length > 0) tight = false;
      const spaces = item[3] ?? "";
      // Content starts after the marker and 1-4 spaces (5+ means indented code: 1 space counts).
      const gap = spaces.length > 4 || spaces === "" ? 1 : spaces.length;
      const offset = (item[1]?.length ?? 0) + (item[2]?.length ?? 0) + gap;
      items.push({ lines: [line.slice(Math.min(offset, line.length))], offset });
      sawBlank = false;
      i++;
      continue;
    }
    const current = items.at(-1);
    if (!current) break;
    if (line.trim() === "") {
      sawBlank = true;
      current.lines.push("");
      i++;
      continue;
    }
    const indent = line.length - line.trimStart().length;
    if (indent >= current.offset) {
      // Blocks of one item separated by a blank line make the list loose.
      if (sawBlank) tight = false;
      current.lines.push(line.slice(current.offset));
      sawBlank = false;
      i++;
      continue;
    }
    // A lazy continuation of the item's last paragraph.
    if (!sawBlank && isLazy(line) && !LIST_ITEM.test(line)) {
      current.lines.push(line.trim());
      i++;
      continue;
    }
    break;
  }
  const parsed: ListItem[] = items.map(({ lines: itemLines }) => {
    while (itemLines.length && itemLines.at(-1)?.trim() === "") itemLines.pop();
    const task = /^\[([ xX])\][ \t]+/.exec(itemLines[0] ?? "");
    if (task) itemLines[0] = (itemLines[0] ?? "").slice(task[0].length);
    const children = parseLines(itemLines, references);
    return task ? { children, checked: task[1] !== " " } : { children };
  });
  const start = ordered ? Number.parseInt(marker, 10) : 1;
  return { block: { type: "list", ordered, start, tight, items: parsed }, end: i };
}

function parseTable(lines: string[], from: number): { block: Block; end: number } | undefined {
  const headerLine = lines[from] ?? "";
  const delimiterLine = lines[from + 1] ?? "";
  if (!headerLine.includes("|") || !TABLE_DELIMITER.test(delimiterLine) || !delimiterLine.includes("-")) return undefined;
  const header = splitRow(headerLine);
  const delimiters = splitRow(delimiterLine);
  if (header.length !== delimiters.length) return undefined;
  const align: Align[] = delimiters.map((d) => {
    const left = d.startsWith(":");
    const right = d.endsWith(":");
    return left && right ? "center" : right ? "right" : left ? "left" : undefined;
  });
  const rows: string[][] = [];
  let i = from + 2;
  while (i < lines.length) {
    const line = lines[i] ?? "";
    if (line.trim() === "" || startsBlock(line)) break;
    const cells = splitRow(line);
    rows.push(header.map((_, k) => cells[k] ?? ""));
    i++;
  }
  return { block: { type: "table", align, header, rows }, end: i };
}

/** A table row's cells: split on `|` that are not escaped and not inside a code span. */
function splitRow(line: string): string[] {
  let text = line.trim();
  if (text.startsWith("|")) text = text.slice(1);
  if (text.endsWith("|") && !text.endsWith("\\|")) text = text.slice(0, -1);
  const cells: string[] = [];
  let cell = "";
  let inCode = false;
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    if (c === "\\" && text[k + 1] === "|") {
      cell += "|";
      k++;
    } else if (c === "`") {
      inCode = !inCode;
      cell += c;
    } else if (c === "|" && !inCode) {
      cells.push(cell.trim());
      cell = "";
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}
