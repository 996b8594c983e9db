/**
 * A queue of lanes that take turns: within a lane first in, first out;
 * across lanes round-robin, one item per turn. The pool queues each task in
 * its caller's lane, so a request that queues hundreds of tasks at once (a
 * huge page's highlighting) delays another request's task (the next batch
 * of a streaming `.patch`) by one task per other lane, not by all of them.
 *
 * @example
 * const queue = new LaneQueue<string>();
 * queue.push("", "a1"); queue.push("", "a2"); queue.push("patch", "p1");
 * queue.shift(); // "a1"
 * queue.shift(); // "p1"
 * queue.shift(); // "a2"
 */
export class LaneQueue<T> {
  private readonly lanes = new Map<string, T[]>();
  /** Lanes holding items, the one whose turn it is first. */
  private readonly turns: string[] = [];
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(lane: string, item: T): void {
    let items = this.lanes.get(lane);
    if (!items) {
      items = [];
      this.lanes.set(lane, items);
      this.turns.push(lane);
    }
    items.push(item);
    this.count += 1;
  }

  /** The next item: the oldest of the lane whose turn it is; that lane then goes last. */
  shift(): T | undefined {
    const lane = this.turns.shift();
    if (lane === undefined) return undefined;
    const items = this.lanes.get(lane)!;
    const item = items.shift()!;
    this.count -= 1;
    if (items.length > 0) this.turns.push(lane);
    else this.lanes.delete(lane);
    return item;
  }

  /** Takes `item` out of its lane if it is still waiting there; false when it is not (taken already). */
  remove(lane: string, item: T): boolean {
    const items = this.lanes.get(lane);
    const index = items ? items.indexOf(item) : -1;
    if (!items || index === -1) return false;
    items.splice(index, 1);
    this.count -= 1;
    if (items.length === 0) {
      this.lanes.delete(lane);
      this.turns.splice(this.turns.indexOf(lane), 1);
    }
    return true;
  }

  /** Removes and returns every item, lane by lane. */
  drain(): T[] {
    const all = [...this.lanes.values()].flat();
    this.lanes.clear();
    this.turns.length = 0;
    this.count = 0;
    return all;
  }
}
