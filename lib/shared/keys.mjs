/**
 * The names pkgdiff uses in Redis, and the read-only switch that
 * scripts/read-only.mjs flips. Plain JavaScript (types in keys.d.mts) so
 * that the script runs without a build step and uses these very names.
 */

/** Every key and channel starts with this, so one Redis can serve other things too. */
export const PREFIX = "pkgdiff:";

export const READ_ONLY_KEY = `${PREFIX}read-only`;
/** Carries "on" or "off" to every replica the moment the flag flips. */
export const READ_ONLY_CHANNEL = `${PREFIX}read-only`;

/**
 * Sets or clears the read-only flag and tells every replica at once.
 *
 * @param {{ multi(): { set(key: string, value: string): unknown; del(key: string): unknown; publish(channel: string, message: string): unknown; exec(): Promise<unknown> } }} client a connected node-redis client
 * @param {boolean} on
 * @returns {Promise<void>}
 */
export async function setReadOnlyFlag(client, on) {
  const multi = client.multi();
  if (on) multi.set(READ_ONLY_KEY, "1");
  else multi.del(READ_ONLY_KEY);
  multi.publish(READ_ONLY_CHANNEL, on ? "on" : "off");
  await multi.exec();
}
