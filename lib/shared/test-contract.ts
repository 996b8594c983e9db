import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Gate } from "../../fixtures/gate";
import { rejection } from "../registry/npm/test-helpers";
import type { Codec, KeyedStore, SharedState } from "./types";
import type { AdmissionLimits } from "../config.mjs";

/** What the contract suite stores: a stand-in for StoredDiff. */
export interface Entry {
  key: string;
  lines: string[];
}

export const ENTRY_CODEC: Codec<Entry> = {
  encode: async (entry) => new TextEncoder().encode(JSON.stringify(entry)),
  decode: (key, bytes) => {
    const value = JSON.parse(new TextDecoder().decode(bytes)) as Partial<Entry>;
    return value.key === key && Array.isArray(value.lines) ? (value as Entry) : undefined;
  },
};

/** A replica's own store (memory and disk, in the service). */
export class MemoryStore implements KeyedStore<Entry> {
  readonly entries = new Map<string, Entry>();
  has = async (key: string) => this.entries.has(key);
  get = async (key: string) => this.entries.get(key);
  put = async (entry: Entry) => void this.entries.set(entry.key, entry);
}

/** The limits the contract suite builds each state with: the service's own. */
export type ContractLimits = AdmissionLimits;

/** Two replicas' views of one shared state, each with its own local store. */
export interface Harness {
  a: SharedState;
  b: SharedState;
  localA: KeyedStore<Entry>;
  localB: KeyedStore<Entry>;
  close(): Promise<void>;
}

/**
 * The contract every SharedState implementation keeps (in-process and
 * Redis), seen from two replicas at once: what one stores the other finds,
 * a key is computed once, one client's budget and the computation cap are
 * the same for both, and a flip of the read-only flag reaches both.
 */
export function describeSharedStateContract(name: string, open: (limits: ContractLimits) => Promise<Harness>): void {
  describe(`SharedState contract: ${name}`, () => {
    const limits: ContractLimits = { missesPerWindow: 2, windowSeconds: 60, maxActive: 1, maxQueued: 1 };
    let h: Harness;
    beforeEach(async () => {
      h = await open(limits);
    });
    afterEach(async () => {
      await h.close();
    });

    it("a stored entry is found through the other replica, and an unknown key is a miss", async () => {
      const storeA = h.a.layered("test", h.localA, ENTRY_CODEC);
      const storeB = h.b.layered("test", h.localB, ENTRY_CODEC);
      const entry = { key: "k1", lines: ["+a", "-b", "ü ✓"] };
      await storeA.put(entry);
      expect(await storeB.has("k1")).toBe(true);
      expect(await storeB.get("k1")).toEqual(entry);
      expect(await storeB.get("k2")).toBeUndefined();
      expect(await storeB.has("k2")).toBe(false);
    });

    it("computes a key once however many ask on both replicas; the others get its result", async () => {
      const stored = new Map<string, string>();
      const gate = new Gate();
      let computations = 0;
      const compute = async () => {
        computations += 1;
        await gate.pass();
        stored.set("k", "result");
        return "result";
      };
      const lookup = async () => stored.get("k");
      const asks = [h.a, h.b, h.a, h.b, h.b].map((state) => state.locks.once("k", compute, lookup));
      await gate.arrived();
      gate.open();
      const results = await Promise.all(asks);
      expect(computations).toBe(1);
      expect(results.map((r) => r.value)).toEqual(Array(5).fill("result"));
    });

    it("spends one miss budget per client across replicas (429 with Retry-After), refunds, and counts an IPv6 /64 as one client", async () => {
      await h.a.budget.take("203.0.113.7");
      await h.b.budget.take("203.0.113.7");
      const limited = await rejection(Promise.resolve().then(() => h.a.budget.take("203.0.113.7")));
      expect(limited.kind).toBe("rate_limited");
      expect(limited.message).toContain("2 new diffs in 60 seconds");
      expect(limited.details.retryAfter).toBeGreaterThanOrEqual(1);
      expect(limited.details.retryAfter).toBeLessThanOrEqual(30);
      await h.b.budget.refund("203.0.113.7");
      await h.a.budget.take("203.0.113.7"); // the refunded miss
      await h.b.budget.take("203.0.113.8"); // another client
      await h.a.budget.take(undefined); // no client: not limited
      await h.a.budget.take("2001:db8:0:1::5");
      await h.b.budget.take("2001:db8:0:1::6");
      expect((await rejection(Promise.resolve().then(() => h.b.budget.take("2001:db8:0:1:ffff::1")))).kind).toBe("rate_limited");
    });

    it("caps computations across replicas: one runs, one waits, the next gets 503 at once; the waiter runs when the slot frees", async () => {
      const gate = new Gate();
      const first = h.a.slots.run(() => gate.pass().then(() => "first"));
      await gate.arrived();
      let secondRan = false;
      const second = h.b.slots.run(async () => {
        secondRan = true;
        return "second";
      });
      await vi.waitFor(() => expect(h.b.slots.load.queued).toBe(1), { timeout: 5_000, interval: 5 });
      const refused = await rejection(h.a.slots.run(async () => "third"));
      expect(refused.kind).toBe("overloaded");
      expect(refused.details.retryAfter).toBe(5);
      expect(secondRan).toBe(false);
      gate.open();
      expect(await first).toBe("first");
      expect(await second).toBe("second");
      expect(await h.a.slots.run(async () => "again")).toBe("again");
    });

    it("flips the read-only flag for every replica", async () => {
      expect(h.a.readOnly.on).toBe(false);
      await h.a.readOnly.set(true);
      await h.b.readOnly.until(true);
      expect(h.b.readOnly.on).toBe(true);
      await h.b.readOnly.set(false);
      await h.a.readOnly.until(false);
      expect(h.a.readOnly.on).toBe(false);
    });
  });
}
