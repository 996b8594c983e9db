/**
 * Thrown by the line diff when its deadline has passed. Internal to the diff
 * engine: `diffFile` catches it and marks the file `skipped: "budget"`, so it
 * never reaches a user as an error.
 */
export class DiffBudgetExceeded extends Error {
  readonly deadline: number;

  constructor(deadline: number) {
    super(`line diff passed its deadline (${new Date(deadline).toISOString()})`);
    this.name = "DiffBudgetExceeded";
    this.deadline = deadline;
  }
}

/** Type guard for DiffBudgetExceeded (for `catch (error)` blocks). */
export function isDiffBudgetExceeded(value: unknown): value is DiffBudgetExceeded {
  return value instanceof DiffBudgetExceeded;
}

/** Work units (roughly: line comparisons) between two reads of the clock. */
const CHECK_EVERY = 1 << 16;

/**
 * A cheap deadline check for hot loops: callers report work done, and the
 * clock is read only every CHECK_EVERY units, so checking costs nothing
 * measurable. A budget without a deadline never throws.
 */
export class Budget {
  private readonly deadline: number;
  private work = 0;

  constructor(deadline: number | undefined) {
    this.deadline = deadline ?? Number.POSITIVE_INFINITY;
  }

  /** Records `units` of work; throws DiffBudgetExceeded once the deadline has passed. */
  spend(units: number): void {
    this.work += units;
    if (this.work >= CHECK_EVERY) {
      this.work = 0;
      this.check();
    }
  }

  /** Reads the clock now. */
  check(): void {
    if (this.deadline !== Number.POSITIVE_INFINITY && Date.now() > this.deadline) {
      throw new DiffBudgetExceeded(this.deadline);
    }
  }
}
