import { describe, expect, it } from "vitest";
import { prettyPrint } from "./pretty";

const tokens = (s: string) => s.replace(/\s+/g, "");

describe("prettyPrint", () => {
  it("lays out JSON, keeping every token", () => {
    expect(prettyPrint('{"a":1,"b":[2,3],"c":{},"d":[],"e":"x,{y}"}', "json")).toBe(
      '{\n  "a": 1,\n  "b": [\n    2,\n    3\n  ],\n  "c": {},\n  "d": [],\n  "e": "x,{y}"\n}\n',
    );
  });

  it("lays out minified JavaScript", () => {
    const source = 'function f(a,b){if(a){return b}else{for(var i=0;i<a;i++){b+=i}}return{x:1,y:"}"}}f(1,2);';
    const out = prettyPrint(source, "js");
    expect(out).toBe(
      [
        "function f(a, b) {",
        "  if (a) {",
        "    return b",
        "  } else {",
        "    for (var i=0; i<a; i++) {",
        "      b+=i",
        "    }",
        "  }",
        "  return {",
        "    x:1,",
        '    y:"}"',
        "  }",
        "}",
        "f(1, 2);",
        "",
      ].join("\n"),
    );
    expect(tokens(out)).toBe(tokens(source));
  });

  it("leaves strings, template literals, regexes and comments alone", () => {
    const source = 'var a="{;}",b=`x;{${c({d:1})}}`,r=/[;{}]\\/;/g;/* {;} */var e=1;// {;}\nvar f=2';
    const out = prettyPrint(source, "js");
    expect(out).toContain('"{;}"');
    expect(out).toContain("`x;{${c({");
    expect(out).toContain("/[;{}]\\/;/g");
    expect(out).toContain("/* {;} */");
    expect(out).toContain("// {;}\n");
    expect(tokens(out)).toBe(tokens(source));
  });

  it("reads / after a value as division", () => {
    expect(prettyPrint("a=b/c;d=e/f;", "js")).toBe("a=b/c;\nd=e/f;\n");
  });

  it("lays out CSS", () => {
    expect(prettyPrint("a{color:red;b:c}@media (x){p{m:0}}", "css")).toBe(
      "a {\n  color:red;\n  b:c\n}\n@media (x) {\n  p {\n    m:0\n  }\n}\n",
    );
  });

  it("copes with unterminated strings and comments", () => {
    expect(tokens(prettyPrint('a="x', "js"))).toBe('a="x');
    expect(tokens(prettyPrint("a/* x", "css"))).toBe("a/*x");
    expect(prettyPrint("", "js")).toBe("");
  });
});
