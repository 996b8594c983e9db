import "server-only";
import { currentIndexAsset } from "./index-asset";

/**
 * The URL of the current search index for the home page to hand to the
 * search box, or null when it cannot be built (a SEARCH_INDEX_FILE that is
 * missing): the box then searches through the registry only.
 */
export async function searchIndexPath(): Promise<string | null> {
  try {
    return (await currentIndexAsset()).path;
  } catch (error) {
    console.error("search: the index could not be built:", error);
    return null;
  }
}
