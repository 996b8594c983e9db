import "server-only";
import type { SearchEcosystem } from "./api-types";
import { currentIndexAsset } from "./index-asset";
import { searchEcosystemsForClient } from "./searchable";

/** What the home page hands the search box. */
export interface HomeSearch {
  /** The URL of the current search index, or null when it cannot be built: the box then searches through the registry only. */
  indexPath: string | null;
  /** The ecosystems searched, the unprefixed one first. */
  ecosystems: SearchEcosystem[];
}

export async function homeSearch(): Promise<HomeSearch> {
  const ecosystems = searchEcosystemsForClient();
  try {
    return { indexPath: (await currentIndexAsset()).path, ecosystems };
  } catch (error) {
    console.error("search: the index could not be built:", error);
    return { indexPath: null, ecosystems };
  }
}
