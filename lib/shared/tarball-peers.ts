import { randomBytes } from "node:crypto";
import { PREFIX } from "./keys.mjs";
import type { RedisConnection } from "./redis-connection";
import type { TarballPeers } from "./types";

/** How long a replica's word that it holds a tarball lasts without being said again (a disk cache forgets too). */
const HOLDER_TTL_S = 30 * 24 * 3600;
const SECRET_KEY = `${PREFIX}peer-secret`;

/** Nothing shared: this replica asks the registry, as one process always did. */
export const NO_PEERS: TarballPeers = {
  holders: () => Promise.resolve([]),
  announce: () => undefined,
  secret: () => Promise.resolve(undefined),
};

/**
 * Which replicas hold which verified tarballs, in Redis: a set of their URLs
 * per tarball (`pkgdiff:holders:<key>`), so a replica that needs a tarball
 * another one fetched copies it from that replica instead of the registry.
 * The bytes never pass through Redis; the copy is checked against the
 * packument's integrity like a registry download. Peers prove they are
 * peers with a random secret the first replica put in Redis.
 */
export class RedisTarballPeers implements TarballPeers {
  private known: string | undefined;

  constructor(
    private readonly redis: RedisConnection,
    /** This replica's base URL as the others reach it (SHARED_PEER_URL). */
    private readonly self: string,
  ) {}

  async holders(key: string): Promise<string[]> {
    try {
      const members = await this.redis.call((client) => client.sMembers(holdersKey(key)));
      return members.filter((url) => url !== this.self);
    } catch {
      return []; // Redis unavailable: the registry it is
    }
  }

  announce(key: string): void {
    this.redis
      .call(async (client) => {
        await client.sAdd(holdersKey(key), this.self);
        await client.expire(holdersKey(key), HOLDER_TTL_S);
      })
      .catch(() => undefined);
  }

  async secret(): Promise<string | undefined> {
    if (this.known) return this.known;
    try {
      const candidate = randomBytes(24).toString("base64url");
      // The first replica's secret stays; every other one reads it.
      await this.redis.call((client) => client.set(SECRET_KEY, candidate, { NX: true }));
      this.known = (await this.redis.call((client) => client.get(SECRET_KEY))) ?? undefined;
      return this.known;
    } catch {
      return undefined;
    }
  }
}

function holdersKey(key: string): string {
  return `${PREFIX}holders:${key}`;
}
