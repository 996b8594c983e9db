import type { PrettyLanguage } from "./file-kind";

/**
 * Lays out minified JavaScript, JSON or CSS for reading: a line break after
 * `{`, `;` and (in objects, and JSON arrays) `,`, and before `}`, with
 * two-space indentation. Tokens are copied as they are (strings, template
 * literals, comments and regular expressions are recognised so nothing
 * inside them is touched), and only whitespace between tokens changes, so
 * the output holds the same code.
 *
 * Limits, by design: it is a display aid, not a code formatter. It does not
 * parse, so a `/` after `)` is read as division (`if (x) /re/.test(y)` is
 * laid out oddly, never altered); long expressions stay on one line; line
 * breaks the source relied on for automatic semicolon insertion become
 * spaces (the view is for reading, the raw file is the source of truth).
 *
 * @example
 * prettyPrint('{"a":1,"b":[2,3]}', "json")
 * // → '{\n  "a": 1,\n  "b": [\n    2,\n    3\n  ]\n}\n'
 */
export function prettyPrint(text: string, lang: PrettyLanguage): string {
  return new Printer(text, lang).run();
}

type Last = "start" | "value" | "op" | "close";

const REGEX_AFTER_WORDS = new Set([
  "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await",
]);
const SAME_LINE_AFTER_BRACE = new Set([";", ",", ")", "]", ".", "(", "?", ":"]);
const SAME_LINE_WORDS = /^(else|catch|finally|while)\b/;

class Printer {
  private readonly out: string[] = [];
  private line = "";
  private indent = 0;
  private space = false;
  private last: Last = "start";
  /** Open brackets; "t" is a template literal's `${`. */
  private readonly stack: string[] = [];
  private i = 0;

  constructor(
    private readonly text: string,
    private readonly lang: PrettyLanguage,
  ) {}

  run(): string {
    const { text } = this;
    while (this.i < text.length) {
      const c = text[this.i] ?? "";
      if (c === " " || c === "\t" || c === "\n" || c === "\r") {
        this.space = this.line !== "";
        this.i++;
      } else if (c === '"' || c === "'") {
        this.emit(this.scanString(c), "value");
      } else if (c === "`" && this.lang === "js") {
        this.i++;
        this.emit("`", "value");
        this.template();
      } else if (c === "/" && text[this.i + 1] === "*") {
        this.blockComment();
      } else if (c === "/" && text[this.i + 1] === "/" && this.lang === "js") {
        const end = text.indexOf("\n", this.i);
        this.emitRaw(text.slice(this.i, end === -1 ? text.length : end));
        this.i = end === -1 ? text.length : end;
        this.newline();
      } else if (c === "/" && this.lang === "js" && this.last !== "value" && this.last !== "close") {
        this.emit(this.scanRegex(), "value");
      } else if (/[A-Za-z0-9_$\u0080-\uffff]/.test(c)) {
        const word = /^[A-Za-z0-9_$\u0080-\uffff.]+/.exec(text.slice(this.i, this.i + 256))?.[0] ?? c;
        this.i += word.length;
        this.emit(word, REGEX_AFTER_WORDS.has(word) ? "op" : "value");
      } else {
        this.i++;
        this.punctuation(c);
      }
    }
    this.newline();
    return this.out.length ? `${this.out.join("\n")}\n` : "";
  }

  private punctuation(c: string): void {
    const json = this.lang === "json";
    if (c === "{" || (c === "[" && json)) {
      // "){", "else{", "a{" (CSS) read better with a space; "={" and JSON stay tight.
      if (this.lang !== "json" && /[\w$)\]]$/.test(this.line)) this.space = true;
      this.emit(c, "op");
      const closer = c === "{" ? "}" : "]";
      if (this.peek() === closer) {
        this.i = this.skipSpace() + 1;
        this.emitRaw(closer);
        this.last = "close";
        return;
      }
      this.stack.push(c);
      this.indent++;
      this.newline();
    } else if (c === "}" && this.stack.at(-1) === "t") {
      this.stack.pop();
      this.emitRaw("}");
      this.template();
    } else if (c === "}" || (c === "]" && json)) {
      this.stack.pop();
      this.indent = Math.max(0, this.indent - 1);
      this.newline();
      this.emit(c, "close");
      const next = this.peek();
      const rest = this.text.slice(this.skipSpace(), this.skipSpace() + 8);
      if (next !== undefined && SAME_LINE_AFTER_BRACE.has(next)) return;
      if (SAME_LINE_WORDS.test(rest)) {
        this.space = true;
        return;
      }
      this.newline();
    } else if (c === "(" || c === "[") {
      // "if (", "for (": keywords before a parenthesis read better apart.
      if (c === "(" && this.lang === "js" && /(^|[^\w$.])(if|for|while|switch|catch|with)$/.test(this.line)) this.space = true;
      this.stack.push(c);
      this.emit(c, "op");
    } else if (c === ")" || c === "]") {
      this.stack.pop();
      this.emit(c, "close");
    } else if (c === ";") {
      this.emit(c, "op");
      if (this.stack.at(-1) === "(") this.space = true;
      else this.newline();
    } else if (c === ",") {
      this.emit(c, "op");
      const top = this.stack.at(-1);
      if (top === "{" || (json && top === "[")) this.newline();
      else this.space = true;
    } else if (c === ":" && json) {
      this.emit(c, "op");
      this.space = true;
    } else {
      this.emit(c, "op");
    }
  }

  /** Template literal text up to the closing backtick, or up to a `${` (pushed on the stack). */
  private template(): void {
    const { text } = this;
    let j = this.i;
    while (j < text.length) {
      const c = text[j];
      if (c === "\\") j += 2;
      else if (c === "`") {
        this.emitRaw(text.slice(this.i, j + 1));
        this.i = j + 1;
        this.last = "value";
        return;
      } else if (c === "$" && text[j + 1] === "{") {
        this.emitRaw(text.slice(this.i, j + 2));
        this.i = j + 2;
        this.stack.push("t");
        this.last = "op";
        return;
      } else j++;
    }
    this.emitRaw(text.slice(this.i));
    this.i = text.length;
  }

  private blockComment(): void {
    const end = this.text.indexOf("*/", this.i + 2);
    const stop = end === -1 ? this.text.length : end + 2;
    const comment = this.text.slice(this.i, stop);
    this.i = stop;
    this.emitRaw(this.line === "" ? comment : ` ${comment}`);
    if (comment.includes("\n") || comment.startsWith("/*!")) this.newline();
    else this.space = true;
  }

  private scanString(quote: string): string {
    const { text } = this;
    let j = this.i + 1;
    while (j < text.length && text[j] !== quote && text[j] !== "\n") j += text[j] === "\\" ? 2 : 1;
    const token = text.slice(this.i, Math.min(j + 1, text.length));
    this.i = Math.min(j + 1, text.length);
    return token;
  }

  private scanRegex(): string {
    const { text } = this;
    let j = this.i + 1;
    let inClass = false;
    while (j < text.length && text[j] !== "\n") {
      const c = text[j];
      if (c === "\\") j += 2;
      else {
        if (c === "[") inClass = true;
        else if (c === "]") inClass = false;
        else if (c === "/" && !inClass) break;
        j++;
      }
    }
    j++;
    while (j < text.length && /[a-z]/i.test(text[j] ?? "")) j++;
    const token = text.slice(this.i, j);
    this.i = Math.min(j, text.length);
    return token;
  }

  private skipSpace(): number {
    let j = this.i;
    while (j < this.text.length && /\s/.test(this.text[j] ?? "")) j++;
    return j;
  }

  private peek(): string | undefined {
    return this.text[this.skipSpace()];
  }

  private emit(token: string, kind: Last): void {
    if (this.space && this.line !== "") this.line += " ";
    this.space = false;
    this.emitRaw(token);
    this.last = kind;
  }

  private emitRaw(token: string): void {
    if (this.line === "") this.line = "  ".repeat(this.indent);
    this.line += token;
  }

  private newline(): void {
    if (this.line.trim() !== "") this.out.push(this.line.trimEnd());
    this.line = "";
    this.space = false;
  }
}
