import { promisify } from "node:util";
import { brotliCompress, brotliDecompress, constants } from "node:zlib";
import { PREFIX } from "./keys.mjs";
import type { RedisConnection } from "./redis-connection";
import type { Codec, KeyedStore } from "./types";

const compress = promisify(brotliCompress);
const decompress = promisify(brotliDecompress);
/** Brotli's quality 5: most of its gain at a fraction of the default 11's time (a diff is compressed once, read many times). */
const QUALITY = { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } };

/**
 * Entries in Redis, brotli-compressed, under `pkgdiff:<namespace>:<key>`.
 * An entry whose compressed form exceeds `maxBytes` is not shared (it
 * stays in the layers in front). Anything Redis cannot do in time reads
 * as a miss and writes as nothing: the caller computes instead.
 */
export class RedisStore<V extends { key: string }> implements KeyedStore<V> {
  constructor(
    private readonly redis: RedisConnection,
    private readonly namespace: string,
    private readonly codec: Codec<V>,
    private readonly maxBytes: number,
  ) {}

  async has(key: string): Promise<boolean> {
    return this.redis.call((c) => c.exists(this.redisKey(key))).then((n) => n === 1, () => false);
  }

  async get(key: string): Promise<V | undefined> {
    const bytes = await this.redis.getBuffer(this.redisKey(key)).catch(() => null);
    if (!bytes) return undefined;
    try {
      return this.codec.decode(key, await decompress(bytes));
    } catch {
      return undefined;
    }
  }

  async put(entry: V): Promise<void> {
    try {
      const bytes = await compress(await this.codec.encode(entry), QUALITY);
      if (bytes.byteLength > this.maxBytes) return;
      await this.redis.call((c) => c.set(this.redisKey(entry.key), bytes));
    } catch {
      // Not shared this time: another replica computes it once more, never a wrong answer.
    }
  }

  private redisKey(key: string): string {
    return `${PREFIX}${this.namespace}:${key}`;
  }
}

/**
 * A replica's own store in front of a shared one: reads try the local store
 * first and keep what the shared one had; writes go to both.
 */
export class LayeredStore<V extends { key: string }> implements KeyedStore<V> {
  constructor(
    private readonly local: KeyedStore<V>,
    private readonly shared: KeyedStore<V>,
  ) {}

  async has(key: string): Promise<boolean> {
    return (await this.local.has(key)) || this.shared.has(key);
  }

  async get(key: string): Promise<V | undefined> {
    const local = await this.local.get(key);
    if (local) return local;
    const shared = await this.shared.get(key);
    if (shared) await this.local.put(shared).catch(() => undefined);
    return shared;
  }

  async put(entry: V): Promise<void> {
    await Promise.all([this.local.put(entry).catch(() => undefined), this.shared.put(entry)]);
  }
}
