/**
 * Small helpers the client tests share: waiting for a condition on the
 * server's side, and keys that no other test uses.
 */

/**
 * Polls `check` every 5 ms until it holds; throws after `ms` naming `what`.
 * For conditions the tests cannot be told about (a command has reached the
 * server, a connection shows up in CLIENT LIST), never as a fixed sleep.
 */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  ms = 15_000,
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

let counter = 0;

/** A key no other test uses: `<prefix>:<counter>:<random>`. */
export function uniqueKey(prefix: string): string {
  return `${prefix}:${++counter}:${Math.random().toString(36).slice(2)}`;
}
