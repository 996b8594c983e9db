// The layering the README's Architecture section draws, checked on the source: no two
// top-level lib/ folders depend on each other (directly or round a cycle), lib/ never
// reaches into app/ or components/, and no code outside lib/registry/<id>/ branches on
// an ecosystem id. Imports are read with TypeScript's own scanner, type-only ones included.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const CODE = /\.(?:ts|tsx|mjs)$/;
const DECLARATION = /\.d\.m?ts$/;

/** Project-relative paths (with `/`) of the code files under `dir`. */
function codeFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) found.push(...codeFiles(rel));
    else if (CODE.test(entry.name) && !DECLARATION.test(entry.name)) found.push(rel);
  }
  return found;
}

/** Tests and their helpers sit above what they test, so they may import any layer (they are not layered). */
function isTestCode(file: string): boolean {
  return /\.test\.tsx?$/.test(file) || /(?:^|\/)test-[\w-]+\.ts$/.test(file) || file.startsWith("lib/testing/");
}

/** Project-relative targets of a file's static and dynamic imports and re-exports (relative and `@/` only). */
export function importsOf(file: string, source: string): string[] {
  const { importedFiles } = ts.preProcessFile(source, true, true);
  const targets: string[] = [];
  for (const { fileName } of importedFiles) {
    if (fileName.startsWith("@/")) targets.push(path.posix.normalize(fileName.slice(2)));
    else if (fileName.startsWith(".")) targets.push(path.posix.join(path.posix.dirname(file), fileName));
  }
  return targets;
}

/** `lib/review/rules.ts` → "review"; files at lib/'s root (config, errors) are the "(root)" layer. */
function libFolder(file: string): string | undefined {
  const parts = file.split("/");
  if (parts[0] !== "lib") return undefined;
  return parts.length > 2 ? parts[1] : "(root)";
}

interface Edge {
  from: string;
  to: string;
  /** One import that makes the edge, for the failure message. */
  example: string;
}

/** The folder graph's strongly connected components of two or more folders (Tarjan), each sorted. */
export function folderCycles(edges: readonly Pick<Edge, "from" | "to">[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    if (!next.has(from)) next.set(from, new Set());
    if (!next.has(to)) next.set(to, new Set());
    next.get(from)!.add(to);
  }
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) components.push(component.sort());
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) visit(v);
  return components;
}

/**
 * Where `source` branches on one of `ids`: compares a literal id (`=== "hex"`,
 * `case "npm"`, `"hex" in x`), indexes by one (`rules["npm"]`) or keys a table
 * by several (`{ npm: …, hex: … }`, in values or types). Using an id as a
 * value (`id: "npm"`) is not branching, nor is one section named after an
 * ecosystem (lib/config.mjs's `hex: { repoUrl, … }`, its variables).
 *
 * @example
 * ecosystemBranches("a.ts", 'if (id === "hex") x();', ["hex"]); // ['a.ts:1 compares "hex"']
 */
export function ecosystemBranches(file: string, source: string, ids: readonly string[]): string[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const idOf = (node: ts.Node | undefined): string | undefined =>
    node && (ts.isStringLiteralLike(node) || ts.isIdentifier(node)) && ids.includes(node.text) ? node.text : undefined;
  const literalId = (node: ts.Node | undefined): string | undefined => (node && ts.isStringLiteralLike(node) ? idOf(node) : undefined);
  const report = (node: ts.Node, what: string): void => {
    const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart());
    found.push(`${file}:${line + 1} ${what}`);
  };
  const comparisons = new Set([
    ts.SyntaxKind.EqualsEqualsEqualsToken,
    ts.SyntaxKind.ExclamationEqualsEqualsToken,
    ts.SyntaxKind.EqualsEqualsToken,
    ts.SyntaxKind.ExclamationEqualsToken,
  ]);
  const walk = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node)) {
      const kind = node.operatorToken.kind;
      const id = literalId(node.left) ?? literalId(node.right);
      if (id && comparisons.has(kind)) report(node, `compares ${JSON.stringify(id)}`);
      if (kind === ts.SyntaxKind.InKeyword && literalId(node.left)) report(node, `looks up ${JSON.stringify(literalId(node.left))} with in`);
    } else if (ts.isCaseClause(node) && literalId(node.expression)) {
      report(node, `has case ${JSON.stringify(literalId(node.expression))}`);
    } else if (ts.isElementAccessExpression(node) && literalId(node.argumentExpression)) {
      report(node, `indexes by ${JSON.stringify(literalId(node.argumentExpression))}`);
    } else if (ts.isObjectLiteralExpression(node) || ts.isTypeLiteralNode(node)) {
      const keys = (ts.isObjectLiteralExpression(node) ? node.properties : node.members).flatMap((member) => idOf(member.name) ?? []);
      if (keys.length > 1) report(node, `keys a table by ${keys.map((key) => JSON.stringify(key)).join(", ")}`);
    }
    ts.forEachChild(node, walk);
  };
  walk(sourceFile);
  return found;
}

/**
 * Where `source` reads the environment (`process.env`), which only lib/config.mjs
 * may do, so that every variable is validated once and listed in one README table.
 * `process.env.NODE_ENV` is allowed: Next inlines it at build time.
 *
 * @example
 * environmentReads("a.ts", "const p = process.env.PORT;"); // ["a.ts:1 reads process.env.PORT"]
 */
export function environmentReads(file: string, source: string): string[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const isProcessEnv = (node: ts.Node): node is ts.PropertyAccessExpression =>
    ts.isPropertyAccessExpression(node) && node.name.text === "env" && ts.isIdentifier(node.expression) && node.expression.text === "process";
  const walk = (node: ts.Node): void => {
    if (isProcessEnv(node)) {
      const parent = node.parent;
      const member = ts.isPropertyAccessExpression(parent) && parent.expression === node ? parent.name.text : undefined;
      if (member !== "NODE_ENV") {
        const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart());
        found.push(`${file}:${line + 1} reads process.env${member ? `.${member}` : ""}`);
      }
    }
    ts.forEachChild(node, walk);
  };
  walk(sourceFile);
  return found;
}

const LIB = codeFiles("lib");
const ALL = [...LIB, ...codeFiles("components"), ...codeFiles("app"), "proxy.ts"];
const read = (file: string): string => readFileSync(path.join(ROOT, file), "utf8");
/** The ecosystems: the folders under lib/registry/ that implement Ecosystem (an ecosystem.ts). */
const ECOSYSTEM_IDS = [...new Set(LIB.filter((f) => /^lib\/registry\/[^/]+\/ecosystem\.ts$/.test(f)).map((f) => f.split("/")[2]!))];
/** The registry index lists the ecosystems; it may name them. */
const ECOSYSTEM_INDEX = "lib/registry/ecosystems.ts";

function libEdges(files: readonly string[]): Edge[] {
  const edges = new Map<string, Edge>();
  for (const file of files) {
    const from = libFolder(file);
    if (from === undefined || isTestCode(file)) continue;
    for (const target of importsOf(file, read(file))) {
      const to = libFolder(target);
      if (to === undefined || to === from) continue;
      const key = `${from} ${to}`;
      if (!edges.has(key)) edges.set(key, { from, to, example: `${file} imports ${target}` });
    }
  }
  return [...edges.values()];
}

describe("the architecture", () => {
  it("finds the ecosystems and the lib folders it checks", () => {
    expect(ECOSYSTEM_IDS.length).toBeGreaterThanOrEqual(2);
    expect(LIB).toContain("lib/registry/ecosystem.ts");
    expect(libEdges(LIB).length).toBeGreaterThan(10);
  });

  it("has no import cycle between top-level lib folders (tests aside)", () => {
    const edges = libEdges(LIB);
    const cycles = folderCycles(edges).map((folders) => {
      const inside = edges.filter((e) => folders.includes(e.from) && folders.includes(e.to));
      return `lib/{${folders.join(",")}} depend on each other:\n${inside.map((e) => `  ${e.from} → ${e.to}: ${e.example}`).join("\n")}`;
    });
    expect(cycles, cycles.join("\n")).toEqual([]);
  });

  it("keeps lib/ free of app/ and components/ imports (tests aside: they call route handlers)", () => {
    const upward = LIB.filter((file) => !isTestCode(file)).flatMap((file) =>
      importsOf(file, read(file))
        .filter((target) => target.startsWith("app/") || target.startsWith("components/"))
        .map((target) => `${file} imports ${target}`),
    );
    expect(upward).toEqual([]);
  });

  it("branches on an ecosystem id only inside its own lib/registry/<id>/ folder", () => {
    const found = ALL.filter((file) => file !== ECOSYSTEM_INDEX).flatMap((file) => {
      const own = /^lib\/registry\/([^/]+)\//.exec(file)?.[1];
      return ecosystemBranches(
        file,
        read(file),
        ECOSYSTEM_IDS.filter((id) => id !== own),
      );
    });
    expect(found, found.join("\n")).toEqual([]);
  });

  it("reads the environment only in lib/config.mjs (tests aside)", () => {
    const found = ALL.filter((file) => file !== "lib/config.mjs" && !isTestCode(file)).flatMap((file) => environmentReads(file, read(file)));
    expect(found, found.join("\n")).toEqual([]);
  });
});

describe("the checks themselves", () => {
  it("read every import form, relative and @/, and leave packages out", () => {
    const source = [
      'import a from "./a";',
      'import type { B } from "../b/types";',
      'export { c } from "@/lib/c/c";',
      'const d = await import("../d/d");',
      'import "server-only";',
    ].join("\n");
    expect(importsOf("lib/x/y.ts", source)).toEqual(["lib/x/a", "lib/b/types", "lib/c/c", "lib/d/d"]);
  });

  it("find a cycle through three folders, and none in a chain", () => {
    const edge = (from: string, to: string) => ({ from, to });
    expect(folderCycles([edge("a", "b"), edge("b", "c"), edge("c", "a"), edge("c", "d")])).toEqual([["a", "b", "c"]]);
    expect(folderCycles([edge("a", "b"), edge("b", "c"), edge("a", "c")])).toEqual([]);
  });

  it("flag comparisons, cases, lookups and id-keyed tables, not ids used as values", () => {
    const ids = ["npm", "hex"];
    const hits = ecosystemBranches(
      "x.ts",
      [
        'if (e.id === "hex") f();',
        'switch (id) { case "npm": break; }',
        'const t = { npm: 1, "hex": 2 };',
        'rules["hex"];',
        'if ("npm" in t) f();',
        "type T = { hex: number; npm: number };",
      ].join("\n"),
      ids,
    );
    expect(hits).toEqual([
      'x.ts:1 compares "hex"',
      'x.ts:2 has case "npm"',
      'x.ts:3 keys a table by "npm", "hex"',
      'x.ts:4 indexes by "hex"',
      'x.ts:5 looks up "npm" with in',
      'x.ts:6 keys a table by "hex", "npm"',
    ]);
    const values = [
      'const e = { id: "npm", label: "Hex" };',
      'getService("npm");',
      'if (kind === "npmjs") f();',
      "const hex = 1; use({ hexRules });",
      "const config = { hex: { repoUrl } };",
    ];
    expect(ecosystemBranches("y.ts", values.join("\n"), ids)).toEqual([]);
  });
  it("find reads of process.env in code, not in strings or comments, and allow NODE_ENV", () => {
    const source = 'const a = process.env.PORT;\nconst b = "process.env.X"; // process.env.Y\nconst c = process.env.NODE_ENV;\nf(process.env);';
    expect(environmentReads("a.ts", source)).toEqual(["a.ts:1 reads process.env.PORT", "a.ts:4 reads process.env"]);
  });
});
