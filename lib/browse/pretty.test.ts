import { describe, expect, it } from "vitest";
import { prettyPrint } from "./pretty";

const tokens = (s: string) => s.replace(/\s+/g, "");
const lines = (s: string) => s.split("\n").filter((line) => line.trim() !== "");

describe("prettyPrint", () => {
  it("lays out minified JavaScript one statement per line, keeping every token", () => {
    const source = 'function f(a,b){if(a){return b}else{for(var i=0;i<a;i++){b+=i}}return{x:1,y:"}"}}f(1,2);g();';
    const out = prettyPrint(source, "js");
    expect(lines(out)).toEqual([
      "function f(a, b) {",
      "  if (a) {",
      "    return b",
      "  } else {",
      "    for (var i = 0; i < a; i++) {",
      "      b += i",
      "    }",
      "  }",
      "  return {",
      "    x: 1,",
      '    y: "}"',
      "  }",
      "}",
      "f(1, 2);",
      "g();",
    ]);
    expect(tokens(out)).toBe(tokens(source));
  });

  it("reads a regex after `if (…)` as a regex, not as division (the old printer split it)", () => {
    const out = prettyPrint("if(x)/re;{}/.test(y)&&z();a=b/c;d=e/f;", "js");
    expect(lines(out)).toEqual(["if (x) /re;{}/.test(y) && z();", "a = b / c;", "d = e / f;"]);
  });

  it("leaves strings, template literals, regexes and comments whole", () => {
    const source = 'var a="{;}",b=`x;{${c({d:1})}}`,r=/[;{}]\\/;/g;/* {;} */var e=1;// {;}\nvar f=2';
    const out = prettyPrint(source, "js");
    for (const piece of ['"{;}"', "`x;{${c({d:1})}}`", "/[;{}]\\/;/g", "/* {;} */", "// {;}\n"]) expect(out).toContain(piece);
    expect(tokens(out)).toBe(tokens(source));
  });

  it("lays out minified CSS one declaration per line, with strings and data URLs whole", () => {
    const source = 'a{color:red;b:c}@media (x){p{m:0}}a::after{content:"};{"}b{background:url(data:image/png;base64,AA==)}';
    const out = prettyPrint(source, "css");
    expect(lines(out)).toEqual([
      "a {",
      "  color: red;",
      "  b: c",
      "}",
      "@media (x) {",
      "  p {",
      "    m: 0",
      "  }",
      "}",
      "a::after {",
      '  content: "};{"',
      "}",
      "b {",
      "  background: url(data:image/png;base64,AA==)",
      "}",
    ]);
    expect(tokens(out)).toBe(tokens(source));
  });

  it("lays out JSON", () => {
    expect(prettyPrint('{"a":1,"b":[2,3],"c":{"d":"x,{y}"}}', "json")).toBe('{\n  "a": 1,\n  "b": [2, 3],\n  "c": {\n    "d": "x,{y}"\n  }\n}\n');
  });

  it("leaves code that is already laid out as it is", () => {
    const js = "const a = 1;\n\nfunction f(x) {\n  return x * 2;\n}\n";
    const css = "a {\n  color: red;\n}\n\nb {\n  margin: 0;\n}\n";
    expect(prettyPrint(js, "js")).toBe(js);
    expect(prettyPrint(css, "css")).toBe(css);
  });

  it("copes with unterminated strings and comments", () => {
    expect(tokens(prettyPrint('a="x', "js"))).toBe('a="x');
    expect(tokens(prettyPrint("a/* x", "css"))).toBe("a/*x");
    expect(prettyPrint("", "js")).toBe("");
  });
});
