/**
 * Optimistic locking: the WATCH loop (WATCH, the caller's reads, EXEC,
 * and again while a watched key changed) on a connection the caller owns
 * for the whole loop.
 *
 * @module
 */

import { checkKeys, optionKeys } from "./_options.ts";
import { WatchError } from "./errors.ts";
import { abortReason } from "./connection/request.ts";
import type { Key } from "./commands/_define.ts";
import type { ExecResults } from "./pipeline.ts";
import { Transaction, type WatchOptions } from "./transaction.ts";
import type { Sender } from "./sender.ts";

const WATCH_KEYS = optionKeys<WatchOptions>({
  maxAttempts: true,
  signal: true,
});

/**
 * The keys of `watch`, checked, with its options.
 *
 * @throws {TypeError} No keys, or an invalid option.
 */
export function watchArgs(
  keys: Key | readonly Key[],
  options: WatchOptions | undefined,
): Key[] {
  const list = typeof keys === "string" || keys instanceof Uint8Array
    ? [keys]
    : Array.isArray(keys)
    ? [...keys]
    : undefined;
  if (list === undefined || list.length === 0) {
    throw new TypeError(
      "Invalid watch keys: expected a key or a non-empty array of keys",
    );
  }
  if (options !== undefined) checkKeys("watch option", options, WATCH_KEYS);
  const max = options?.maxAttempts;
  if (max !== undefined && !(Number.isInteger(max) && max >= 1)) {
    throw new TypeError(
      `Invalid maxAttempts "${max}": expected a positive integer`,
    );
  }
  return list;
}

/** Keys for a message: the first few, quoted. */
function describeKeys(keys: readonly Key[]): string {
  const shown = keys.slice(0, 3).map((key) =>
    typeof key === "string" ? `"${key}"` : `<${key.length} bytes>`
  );
  return shown.join(", ") +
    (keys.length > 3 ? `, and ${keys.length - 3} more` : "");
}

/**
 * Runs the WATCH loop through `sender`, a connection the caller owns
 * meanwhile: WATCH `keys`, `fn(tx)` (its reads through `tx`, the command
 * surface over `sender`), and the transaction it returns, which must be
 * made with `tx.multi()`; again when EXEC ran nothing because a watched
 * key changed, up to `maxAttempts` times, then {@linkcode WatchError}.
 * When `fn` returns nothing, the keys are unwatched and the loop resolves
 * with `undefined`.
 */
export async function watchLoop<C, T extends unknown[], B extends boolean>(
  tx: C,
  sender: Sender,
  keys: Key | readonly Key[],
  fn: (
    tx: C,
    attempt: number,
  ) =>
    | Transaction<T, B>
    | undefined
    | void
    | Promise<Transaction<T, B> | undefined | void>,
  options: WatchOptions = {},
): Promise<ExecResults<T> | undefined> {
  const list = watchArgs(keys, options);
  const max = options.maxAttempts ?? 16;
  const signal = options.signal;
  const call = signal === undefined ? undefined : { signal };
  const unwatch = () =>
    sender.send(["UNWATCH"], undefined, false, undefined, 0).then(
      () => {},
      () => {},
    );
  for (let attempt = 1; attempt <= max; attempt++) {
    if (signal?.aborted) throw abortReason(signal);
    await sender.send(["WATCH", ...list], undefined, false, call, 0);
    try {
      const transaction = await fn(tx, attempt);
      if (transaction === undefined) {
        await unwatch();
        return undefined;
      }
      if (
        !(transaction instanceof Transaction) ||
        transaction.sender !== sender
      ) {
        throw new TypeError(
          "Invalid watch() result: expected a transaction made with tx.multi(), or nothing",
        );
      }
      return await transaction.exec(call);
    } catch (error) {
      // EXEC ran nothing because a watched key changed (and cleared the
      // watch): start over.
      if (error instanceof WatchError) continue;
      await unwatch();
      throw error;
    }
  }
  throw new WatchError(
    `Transaction aborted ${max} time${
      max === 1 ? "" : "s"
    }: a watched key changed before each EXEC (${describeKeys(list)})`,
    max,
  );
}
