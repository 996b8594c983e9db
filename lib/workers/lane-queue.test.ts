import { describe, expect, it } from "vitest";
import { LaneQueue } from "./lane-queue";

describe("LaneQueue", () => {
  it("is first in, first out within one lane", () => {
    const queue = new LaneQueue<number>();
    for (const n of [1, 2, 3]) queue.push("", n);
    expect([queue.shift(), queue.shift(), queue.shift(), queue.shift()]).toEqual([1, 2, 3, undefined]);
  });

  it("lets a lane that queued one item go before a lane's long backlog, taking turns", () => {
    const queue = new LaneQueue<string>();
    for (const n of [1, 2, 3, 4]) queue.push("page", `page ${n}`);
    queue.push("patch", "patch 1");
    queue.push("patch", "patch 2");
    expect(queue.length).toBe(6);
    const order: string[] = [];
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      order.push(item);
      if (item === "patch 2") queue.push("patch", "patch 3"); // a lane that emptied joins the turns again
    }
    expect(order).toEqual(["page 1", "patch 1", "page 2", "patch 2", "page 3", "patch 3", "page 4"]);
    expect(queue.length).toBe(0);
  });

  it("drains every item", () => {
    const queue = new LaneQueue<number>();
    queue.push("a", 1);
    queue.push("b", 2);
    queue.push("a", 3);
    expect(queue.drain().sort()).toEqual([1, 2, 3]);
    expect(queue.length).toBe(0);
    expect(queue.shift()).toBeUndefined();
  });
  it("takes out an item still waiting, keeping the other lanes' turns; not one already taken", () => {
    const queue = new LaneQueue<string>();
    queue.push("", "a1");
    queue.push("patch", "p1");
    queue.push("x", "x1");
    expect(queue.remove("patch", "p1")).toBe(true);
    expect(queue.remove("patch", "p1")).toBe(false);
    expect(queue.length).toBe(2);
    expect([queue.shift(), queue.shift(), queue.shift()]).toEqual(["a1", "x1", undefined]);
    expect(queue.remove("", "a1")).toBe(false);
  });
});
