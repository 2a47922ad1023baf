/**
 * Types that need no casts (issue 25): compile-time assertions, checked by
 * `deno check` (which the check task runs on tests/). The functions that
 * hold them are never called: only their types matter. One runtime test
 * keeps the file a test module on Deno, Bun and Node.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  type Cursor,
  type ExecResults,
  type Pipeline,
  type RedisClient,
  type RedisClientEvent,
  type RedisCluster,
  type RedisClusterEvent,
  type RedisPool,
  type ScanPage,
  type SetOptions,
  type Subscription,
  type SubscriptionDropEvent,
  UnsafeIntegerError,
} from "../mod.ts";

/** `true` when `A` and `B` are the same type, `false` otherwise. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends
  (<T>() => T extends B ? 1 : 2) ? true : false;

/** Compiles only when `T` is `true`. */
function assertType<T extends true>(_proof?: T): void {}

/** The counters resolve to `number` (an unsafe reply rejects instead). */
async function counters(client: RedisClient): Promise<void> {
  const a: number = await client.incr("c");
  const b: number = await client.decr("c");
  const c: number = await client.incrby("c", 5);
  const d: number = await client.incrby("c", 5n);
  const e: number = await client.decrby("c", 5);
  const f: number = await client.hincrby("h", "f", 1);
  const [value, increment] = await client.increx("c", { byint: 2 });
  const sum: number = a + b + c + d + e + f + value + increment;
  console.log(sum);
  assertType<Equal<Awaited<ReturnType<RedisClient["incr"]>>, number>>();
  assertType<Equal<Awaited<ReturnType<RedisClient["decr"]>>, number>>();
  assertType<Equal<Awaited<ReturnType<RedisClient["incrby"]>>, number>>();
  assertType<Equal<Awaited<ReturnType<RedisClient["decrby"]>>, number>>();
  assertType<Equal<Awaited<ReturnType<RedisClient["hincrby"]>>, number>>();
  assertType<
    Equal<
      Awaited<ReturnType<RedisClient["increx"]>>,
      [value: number, increment: number]
    >
  >();
  // The increments stay 64-bit: numbers and bigints.
  await client.incrby("c", 2n ** 60n);
  await client.hincrby("h", "f", -(2n ** 60n));
  // @ts-expect-error: a counter is not a bigint any more.
  const big: bigint = await client.incr("c");
  console.log(big);
  // In the bytes view, pipelines, transactions and a cluster too.
  const g: number = await client.bytes.incr("c");
  const h: number = await client.bytes.hincrby("h", "f", 1);
  const piped = await client.pipeline().incr("c").hincrby("h", "f", 1).exec();
  assertType<Equal<typeof piped, ExecResults<[number, number]>>>();
  const done = await client.multi().decrby("c", 1).incrby("c", 1n).exec();
  assertType<Equal<typeof done, ExecResults<[number, number]>>>();
  console.log(g + h);
}

async function clusterCounters(cluster: RedisCluster): Promise<void> {
  const n: number = await cluster.incr("c");
  const m: number = await cluster.hincrby("h", "f", 1);
  console.log(n + m);
}

/** `set` without `get` resolves to `"OK" | null`, with `get` to the old value. */
async function set(client: RedisClient, options: SetOptions): Promise<void> {
  const plain = await client.set("k", "v");
  assertType<Equal<typeof plain, "OK" | null>>();
  const empty = await client.set("k", "v", {});
  assertType<Equal<typeof empty, "OK" | null>>();
  const expiring = await client.set("k", "v", { ex: 60 });
  assertType<Equal<typeof expiring, "OK" | null>>();
  const ifNew = await client.set("k", "v", { nx: true });
  assertType<Equal<typeof ifNew, "OK" | null>>();
  const lock = await client.set("k", "v", { px: 5000, nx: true });
  assertType<Equal<typeof lock, "OK" | null>>();
  const swap = await client.set("k", "v", { keepttl: true, ifeq: "old" });
  assertType<Equal<typeof swap, "OK" | null>>();
  const noGet = await client.set("k", "v", { get: false });
  assertType<Equal<typeof noGet, "OK" | null>>();
  const old = await client.set("k", "v", { get: true });
  assertType<Equal<typeof old, string | null>>();
  const oldIfNew = await client.set("k", "v", { nx: true, get: true });
  assertType<Equal<typeof oldIfNew, string | null>>();
  const oldIfThere = await client.set("k", "v", {
    ex: 60,
    xx: true,
    get: true,
  });
  assertType<Equal<typeof oldIfThere, string | null>>();
  // Options only known as SetOptions: the general signature.
  const general = await client.set("k", "v", options);
  assertType<Equal<typeof general, string | null>>();
  const ok: "OK" | null = await client.set("k", 1);
  console.log(ok);
  // @ts-expect-error: with get, the old value is any string.
  const notOk: "OK" | null = await client.set("k", "v", { get: true });
  console.log(notOk);
  // The option combinations the types refuse are still refused.
  // @ts-expect-error: ex and px exclude each other
  await client.set("k", "v", { ex: 1, px: 1 });
  // @ts-expect-error: nx and xx exclude each other
  await client.set("k", "v", { nx: true, xx: true, get: true });
  // Pipelines, transactions and the bytes view use the general signature.
  const piped = await client.pipeline().set("k", "v").exec();
  assertType<Equal<typeof piped, ExecResults<[string | null]>>>();
  const done = await client.multi().set("k", "v", { get: true }).exec();
  assertType<Equal<typeof done, ExecResults<[string | null]>>>();
  const bytes = await client.bytes.set("k", "v");
  assertType<Equal<typeof bytes, Uint8Array | null>>();
}

/** `scan` starts from the number 0 as well as from the cursor `"0"`. */
async function scan(client: RedisClient): Promise<void> {
  const first: ScanPage = await client.scan(0);
  const next: ScanPage = await client.scan(first.cursor, { count: 10 });
  const cursor: Cursor = next.cursor;
  await client.scan("0");
  await client.hscan("h", 0);
  await client.sscan("s", 0);
  await client.zscan("z", 0);
  // @ts-expect-error: a cursor is decimal text or 0, not any number.
  await client.scan(1);
  console.log(cursor);
}

/** The events are typed by name; a misspelled name does not compile. */
function events(
  client: RedisClient,
  cluster: RedisCluster,
  sub: Subscription,
): void {
  client.addEventListener("reconnecting", (e) => e.attempt);
  client.addEventListener("reconnecting", (e) => {
    const attempt: number | undefined = e.attempt;
    const delay: number | undefined = e.delay;
    console.log(attempt, delay);
  });
  client.addEventListener("error", (e: RedisClientEvent) => e.error);
  client.addEventListener("ready", () => {}, { once: true });
  client.addEventListener("end", (e) => e.error);
  client.addEventListener("failover", (e) => `${e.from} -> ${e.to}`);
  // @ts-expect-error: there is no "reconect" event.
  client.addEventListener("reconect", () => {});
  // @ts-expect-error: the event has no "node" (that is a cluster event's).
  client.addEventListener("error", (e) => e.node);

  cluster.addEventListener("ready", (e) => e.node);
  cluster.addEventListener("error", (e) => {
    const node: string | undefined = e.node;
    console.log(node, e.error);
  });
  cluster.addEventListener("topology", (e) => e.map.shards.length);
  cluster.addEventListener("node-added", (e: RedisClusterEvent) => e.node);
  cluster.addEventListener("node-removed", (e) => e.node);
  // @ts-expect-error: there is no "node-add" event.
  cluster.addEventListener("node-add", () => {});
  // @ts-expect-error: there is no "topologie" event.
  cluster.addEventListener("topologie", () => {});

  sub.addEventListener("drop", (e) => {
    const dropped: number = e.dropped;
    console.log(dropped);
  });
  sub.addEventListener("drop", (e: SubscriptionDropEvent) => e.dropped);
  // @ts-expect-error: there is no "dropped" event.
  sub.addEventListener("dropped", () => {});
}

/** `close` takes `force` and `timeout`. */
async function closePool(pool: RedisPool): Promise<void> {
  await pool.close();
  await pool.close({ force: true });
  await pool.close({ timeout: 1000 });
  await pool.close({ force: false, timeout: Infinity });
  // @ts-expect-error: there is no "forced" option.
  await pool.close({ forced: true });
}

/**
 * Builders: every entry keeps its result type, whether the builder is a
 * pipeline, a transaction, or either; a builder typed by what it holds
 * takes any pipeline holding such results; a bytes builder is no text
 * builder.
 */
async function builders(client: RedisClient): Promise<void> {
  const text = await client.pipeline().get("a").hgetall("h").zscore("z", "m")
    .exec();
  assertType<
    Equal<
      typeof text,
      ExecResults<[string | null, Record<string, string>, number | null]>
    >
  >();
  const raw = await client.bytes.multi().get("a").smembers("s").exec();
  assertType<
    Equal<typeof raw, ExecResults<[Uint8Array | null, Uint8Array[]]>>
  >();
  const either = Math.random() < 0.5 ? client.pipeline() : client.multi();
  const mixed = await either.incr("n").get("a").exec();
  assertType<
    Equal<typeof mixed, ExecResults<[number, string | null]>>
  >();
  const counts: Pipeline<number[]> = client.pipeline();
  for (const key of ["a", "b"]) counts.incr(key);
  assertType<
    Equal<Awaited<ReturnType<typeof counts.exec>>, ExecResults<number[]>>
  >();
  const any: Pipeline<unknown[]> = client.pipeline().get("a").incr("n");
  console.log(any.length);
  // @ts-expect-error: a bytes pipeline's strings are Uint8Arrays.
  const notText: Pipeline = client.bytes.pipeline();
  console.log(notText);
}

describe("Types that need no casts", () => {
  it("hold at compile time (the checks above are never run)", () => {
    // Referenced so that they are checked and not reported unused.
    const checks = [
      counters,
      clusterCounters,
      set,
      scan,
      events,
      closePool,
      builders,
    ];
    assert.equal(checks.length, 7);
  });

  it("UnsafeIntegerError is a RangeError with the exact value", () => {
    const error = new UnsafeIntegerError(
      'Reply "9007199254740993" of INCR is outside the safe integer range: use sendCommand for 64-bit counters',
      9007199254740993n,
    );
    assertType<Equal<typeof error.value, bigint>>();
    assert.ok(error instanceof RangeError);
    assert.equal(error.name, "UnsafeIntegerError");
    assert.equal(error.value, 9007199254740993n);
  });
});
