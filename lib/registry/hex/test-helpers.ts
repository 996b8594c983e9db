import { type PkgdiffError, isPkgdiffError } from "../../errors";

/**
 * The PkgdiffError that `run` throws or rejects with; fails the test on
 * anything else, and when nothing fails.
 */
export async function refusal(run: () => unknown): Promise<PkgdiffError> {
  try {
    await run();
  } catch (error) {
    if (isPkgdiffError(error)) return error;
    throw error;
  }
  throw new Error("expected a PkgdiffError, nothing failed");
}
