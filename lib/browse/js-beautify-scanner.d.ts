// The one internal module of js-beautify that beautify-scanner.ts reaches
// into (the package has no "exports" map, so the file is importable); only
// the members it uses.
declare module "js-beautify/js/src/core/inputscanner.js" {
  export class InputScanner {
    constructor(input: string);
    __input: string;
    __match(pattern: RegExp, index: number): RegExpExecArray | null;
  }
}
