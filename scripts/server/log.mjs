/**
 * The server's JSON lines: stdout carries only these (one per request, and
 * `ready`, `shutdown-start`, `shutdown-end`); errors go to stderr with
 * `"level":"error"`.
 */

/**
 * One JSON line: `time` (when the line is written) first, then the record's fields.
 *
 * @param {Record<string, unknown>} record
 * @returns {string}
 */
export function jsonLine(record) {
  return `${JSON.stringify({ time: new Date().toISOString(), ...record })}\n`;
}

/** @param {Record<string, unknown>} record */
export function log(record) {
  process.stdout.write(jsonLine(record));
}

/** @param {Record<string, unknown>} record */
export function logError(record) {
  process.stderr.write(jsonLine({ level: "error", ...record }));
}

/**
 * Writes the last line, then exits once it is flushed.
 *
 * @param {number} code
 * @param {Record<string, unknown>} record
 */
export function exitWith(code, record) {
  process.exitCode = code;
  process.stdout.write(jsonLine(record), () => process.exit(code));
}

/**
 * Milliseconds since `start` (a `process.hrtime.bigint()`), to 0.1 ms.
 *
 * @param {bigint} start
 * @returns {number}
 */
export function msSince(start) {
  return Math.round(Number(process.hrtime.bigint() - start) / 1e5) / 10;
}

/**
 * An error's stack (or the thing thrown) for a log line.
 *
 * @param {unknown} error
 * @returns {string}
 */
export function describeError(error) {
  return String((error instanceof Error && error.stack) || error);
}
