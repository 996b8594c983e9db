import { PathNotFound } from "@/components/browse/path-not-found";

/** A path this version does not have: 404 inside the browse layout (see PathNotFound). */
export default PathNotFound;
