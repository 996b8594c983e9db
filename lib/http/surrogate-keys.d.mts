/** Types of lib/http/surrogate-keys.mjs. */
export declare const SURROGATE_KEY_HEADER: "xkey";

/** A package as its surrogate key names it. */
export interface KeyedPackage {
  ecosystemId: string;
  name: string;
}

export declare function packageKey(ecosystemId: string, name: string): string;
export declare function ecosystemKey(ecosystemId: string): string;
export declare function surrogateKeysOf(packages: Iterable<KeyedPackage>): string;
export declare function surrogateKeys(ecosystemId: string, name: string): string;
export declare function tagged<R extends { headers: Headers }>(response: R, ecosystemId: string, name: string): R;
