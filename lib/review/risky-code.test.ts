import { describe, expect, it } from "vitest";

import { riskyCodeRule } from "./risky-code";
import { type FixtureOptions, type FixtureSide, randomBase64, reviewFixture, runFileRule } from "./test-fixtures";
import type { Finding } from "./types";
import { hexEcosystem } from "../registry/hex/ecosystem";
import { npmEcosystem } from "../registry/npm/ecosystem";

/** The risky-code findings of one file going from `before` to `after` (undefined: absent). */
function scan(before: string | undefined, after: string, path = "lib/a.js", options: Pick<FixtureOptions, "ecosystem" | "maxFileBytes"> = {}): Finding[] {
  const side = (content: string | undefined): FixtureSide => ({ files: content === undefined ? {} : { [path]: content } });
  return runFileRule(riskyCodeRule, reviewFixture(side(before), side(after), options));
}

const kinds = (findings: Finding[]) => findings.map((f) => f.kind);

describe("riskyCodeRule: eval", () => {
  it("reports an eval on an added line, with its line anchor", () => {
    const findings = scan("const a = 1;\n", "const a = 1;\neval(input);\n");
    expect(findings).toEqual([
      {
        kind: "eval",
        severity: "notice",
        message: "eval( or new Function( added in lib/a.js (1 place)",
        file: "lib/a.js",
        anchors: ["file-lib/a.js-R2"],
        data: { count: 1, added: 1, removed: 0 },
      },
    ]);
    expect(kinds(scan(undefined, "const f = new Function('a', 'return a');\n"))).toEqual(["eval"]);
  });

  it("counts the places beyond those the file had", () => {
    const [finding] = scan("eval(a);\neval(b);\n", "eval(a);\neval(c);\neval(d);\neval(e);\n");
    expect(finding).toMatchObject({ message: "eval( or new Function( added in lib/a.js (2 places)", data: { count: 2, added: 3, removed: 1 } });
  });

  it("does not report an eval that was already there, moved, or a method named eval", () => {
    expect(scan("eval(code);\nconst y = 1;\n", "eval(code);\nconst y = 2;\n")).toEqual([]);
    expect(scan("eval(code);\nconst y = 1;\n", "const y = 1;\n  eval(code);\n")).toEqual([]);
    expect(scan(undefined, "model.eval(input);\nretrieval(x);\n")).toEqual([]);
  });
});

describe("riskyCodeRule: obfuscation, long lines, entropy", () => {
  it("reports _0x identifiers, not short hex-ish names", () => {
    expect(kinds(scan(undefined, "var _0x1a2b3c = 1;\n"))).toEqual(["obfuscation"]);
    expect(scan(undefined, "var _0x12 = 1; var my_0x1234 = 2;\n")).toEqual([]);
  });

  it("reports a very long line added to a file that was not minified", () => {
    const long = `module.exports.x = [${"1, ".repeat(400)}];`;
    expect(kinds(scan("module.exports = 1;\n", `module.exports = 1;\n${long}\n`))).toEqual(["long-line"]);
  });

  it("does not report long lines in a file that was minified, or in a new file", () => {
    const minified = `!function(){${"a=1;".repeat(600)}}();`;
    expect(scan(`${minified}\n`, `${minified.replace("a=1", "a=2")}\n`)).toEqual([]);
    expect(scan(undefined, `${minified}\n`)).toEqual([]);
  });

  it("does not report long lines or packed strings added to a file that was minified before", () => {
    const minified = (body: string) => `!function(){${"a=1;".repeat(600)}${body}}();\n`;
    expect(scan(minified(""), minified(`var k="${randomBase64(200)}";`))).toEqual([]);
  });

  it("reports long lines and packed strings in a file that was not minified before, even when it is now", () => {
    const minified = `!function(){${"a=1;".repeat(600)}var k="${randomBase64(200)}";}();\n`;
    expect(kinds(scan("module.exports = 1;\n", minified))).toEqual(["long-line", "high-entropy"]);
    expect(kinds(scan("module.exports = 1;\n", `module.exports = 1;\nconst k = "${randomBase64(200)}";\n`))).toEqual(["high-entropy"]);
  });

  it("reports a high-entropy string, not a repetitive one or an image data URI", () => {
    expect(kinds(scan(undefined, `const k = "${randomBase64(200)}";\n`))).toEqual(["high-entropy"]);
    expect(scan(undefined, `const s = "${"abcd".repeat(50)}";\n`)).toEqual([]);
    expect(scan(undefined, `const i = "data:image/png;base64,${randomBase64(200)}";\n`)).toEqual([]);
  });
});

describe("riskyCodeRule: processes, environment, network, home files", () => {
  it("reports child_process imports, not the word in a comment", () => {
    expect(kinds(scan(undefined, 'const cp = require("child_process");\n'))).toEqual(["child-process"]);
    expect(kinds(scan(undefined, 'import { exec } from "node:child_process";\n'))).toEqual(["child-process"]);
    expect(scan(undefined, "// we never use child_process here\n")).toEqual([]);
  });

  it("reports process.env reads other than NODE_ENV", () => {
    expect(kinds(scan(undefined, "const t = process.env.NPM_TOKEN;\n"))).toEqual(["env-read"]);
    expect(scan(undefined, 'if (process.env.NODE_ENV !== "production") log();\nprocess.env["NODE_ENV"];\n')).toEqual([]);
  });

  it("reports network APIs, not look-alike names", () => {
    expect(kinds(scan(undefined, "await fetch(url);\n"))).toEqual(["network"]);
    expect(kinds(scan(undefined, 'https.request(options);\nconst s = require("dgram");\nnew WebSocket(u);\n'))[0]).toBe("network");
    expect(scan(undefined, "prefetch(url);\nthis.fetch = 1;\nconst net = 2;\n")).toEqual([]);
  });

  it("reports home files, and homedir() only with a file write", () => {
    expect(kinds(scan(undefined, 'fs.readFileSync(path.join(home, ".npmrc"));\n'))).toEqual(["home-write"]);
    expect(kinds(scan(undefined, "const h = os.homedir();\nfs.writeFileSync(h + '/x', data);\n"))).toEqual(["home-write"]);
    expect(scan(undefined, "const h = os.homedir();\nconsole.log(h);\n")).toEqual([]);
  });

  it("names hosts that the old file did not", () => {
    const findings = scan('const docs = "https://example.org/docs";\n', 'const docs = "https://example.org/docs";\nconst c = "https://evil.example.com/x";\n');
    expect(findings.map((f) => [f.kind, f.severity, f.message, f.anchors])).toEqual([
      ["new-hosts", "info", "1 new host in lib/a.js: evil.example.com", ["file-lib/a.js-R2"]],
    ]);
    expect(scan('const a = "https://example.org/a";\n', 'const a = "https://example.org/b";\n')).toEqual([]);
  });
});

describe("riskyCodeRule: what is scanned", () => {
  it("finds one risky line among many, and tests each line on its own", () => {
    const lines = Array.from({ length: 500 }, (_, i) => `const v${i} = ${i};`);
    lines[250] = "eval(code);";
    expect(scan(undefined, `${lines.join("\n")}\n`).map((f) => [f.kind, f.anchors])).toEqual([["eval", ["file-lib/a.js-R251"]]]);
    // Read with the next line, process.env would be NODE_ENV's; on its own line it is a read.
    expect(kinds(scan("a;\n", "a;\nconst env = process.env\n  .NODE_ENV;\n"))).toEqual(["env-read"]);
  });

  it("reads a long line replaced in place only where it changed: a rebuilt bundle's old calls do not count, a new one does", () => {
    const bundle = (middle: string) => `!function(){${"eval(a);fetch(b);".repeat(300)}${middle}${"process.env.X;".repeat(300)}}();\n`;
    expect(scan(bundle("var v=1;"), bundle("var v=2;"))).toEqual([]);
    const findings = scan(bundle("var v=1;"), bundle("var v=2;_0x1a2b3c();eval(c);"));
    expect(findings.map((f) => [f.kind, f.message, f.anchors])).toEqual([
      ["obfuscation", "Obfuscated identifiers (_0x…) added in lib/a.js (1 place)", ["file-lib/a.js-R1"]],
      ["eval", "eval( or new Function( added in lib/a.js (1 place)", ["file-lib/a.js-R1"]],
    ]);
  });

  it("still pairs homedir() added to a long line with a file write elsewhere on it", () => {
    const bundle = (middle: string) => `!function(){fs.writeFileSync(p,d);${"a=1;".repeat(700)}${middle}${"b=2;".repeat(700)}}();\n`;
    expect(kinds(scan(bundle("var v=1;"), bundle("var h=os.homedir();")))).toEqual(["home-write"]);
  });

  it("refuses a pattern with a capturing group or an anchor", () => {
    const rules = (regex: RegExp) => ({
      urlPrefix: "",
      review: { ...npmEcosystem.review, patterns: [{ kind: "eval" as const, severity: "notice" as const, label: "x", regex }] },
    });
    const run = (regex: RegExp) => scan(undefined, "x\n", "lib/a.js", { ecosystem: rules(regex) });
    expect(() => run(/(a)b/g)).toThrow(/capturing group/);
    expect(() => run(/^import\b/g)).toThrow(/anchor/);
    expect(() => run(/x$/g)).toThrow(/anchor/);
    expect(run(/[$^]x|\$\{/g)).toEqual([]);
  });


  it("reads added files whose hunks were not kept from their bytes", () => {
    const big = `${"const x = 1;\n".repeat(20)}eval(x);\n`;
    const findings = scan(undefined, big, "lib/a.js", { maxFileBytes: 100 });
    expect(findings.map((f) => [f.kind, f.anchors])).toEqual([["eval", ["file-lib/a.js-R21"]]]);
  });

  it("lists changed files whose hunks were not kept as not scanned", () => {
    const findings = scan(`${"a;\n".repeat(60)}`, `${"b;\n".repeat(60)}eval(x);\n`, "lib/a.js", { maxFileBytes: 100 });
    expect(findings.map((f) => [f.kind, f.severity, f.message])).toEqual([
      ["not-scanned", "info", "1 changed code file was not scanned for risky code (too large, or too slow to diff or scan): lib/a.js"],
    ]);
  });

  it("skips files that are not code, and type declarations", () => {
    expect(scan(undefined, "eval(x)\n", "README.md")).toEqual([]);
    expect(scan(undefined, "declare function eval(x: string): unknown;\n", "index.d.ts")).toEqual([]);
  });

  it("reports ten files one by one per kind and sums the rest", () => {
    const files = Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`f${String(i).padStart(2, "0")}.js`, "eval(x);\n"]));
    const findings = runFileRule(riskyCodeRule, reviewFixture({ files: {} }, { files }));
    expect(findings).toHaveLength(11);
    expect(findings[10]).toMatchObject({ kind: "eval", message: "eval( or new Function( also added in 3 more files (3 places)" });
  });
});

describe("riskyCodeRule: Hex", () => {
  const hex = { ecosystem: hexEcosystem };

  it("reports shell commands and code evaluation in Elixir and Erlang", () => {
    expect(kinds(scan(undefined, 'System.cmd("sh", ["-c", x])\n', "lib/a.ex", hex))).toEqual(["child-process"]);
    expect(kinds(scan(undefined, "os:cmd(Command).\n", "src/a.erl", hex))).toEqual(["child-process"]);
    expect(kinds(scan(undefined, "Code.eval_string(source)\n", "lib/a.ex", hex))).toEqual(["eval"]);
  });

  it("reports File.write outside _build only, and build hooks in mix.exs only", () => {
    expect(kinds(scan(undefined, 'File.write!("/tmp/x", data)\n', "lib/a.ex", hex))).toEqual(["file-write"]);
    expect(scan(undefined, 'File.write!("_build/dev/x", data)\n', "lib/a.ex", hex)).toEqual([]);
    expect(kinds(scan(undefined, "compilers: [:elixir_make] ++ Mix.compilers(),\n", "mix.exs", hex))).toEqual(["build-hook"]);
    expect(scan(undefined, "opts = [compilers: []]\n", "lib/a.ex", hex)).toEqual([]);
  });

  it("does not apply npm's patterns to Hex code", () => {
    expect(scan(undefined, "eval(x)\n", "lib/a.ex", hex)).toEqual([]);
  });
});
