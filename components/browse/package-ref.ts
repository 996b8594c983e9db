/** The version of a package a browse component is about, and where its ecosystem's URLs live. */
export interface PackageRef {
  name: string;
  /** The ecosystem's URL prefix ("" for npm). */
  prefix?: string;
  version: string;
}
