// Pipelines, transactions, optimistic locking and Lua scripts: run against a
// local redis-server with
//   deno run -A examples/transactions.ts [redis://127.0.0.1:6379]
//   bun examples/transactions.ts [redis://127.0.0.1:6379]
// It only touches keys under "respite:tx:" and deletes them at the end.
import process from "node:process";
import {
  connect,
  defineScript,
  ExecAbortError,
  type Pipeline,
  ReplyError,
} from "../mod.ts";

const url = process.argv[2] ?? "redis://127.0.0.1:6379";
await using client = await connect(url);
const k = (name: string) => `respite:tx:${name}`;

// A pipeline: one write, results in order, typed as a tuple.
const [ok, visits, user] = await client.pipeline()
  .set(k("visits"), 10)
  .incr(k("visits"))
  .hgetall(k("user"))
  .exec();
console.log("pipeline ->", ok, visits, user);

// Error replies stay in place; the other commands ran.
const [, bad, after] = await client.pipeline()
  .set(k("text"), "not a number")
  .incr(k("text"))
  .get(k("visits"))
  .exec();
console.log("error in place ->", bad instanceof ReplyError, after);

// Built in a loop.
const batch: Pipeline<number[]> = client.pipeline();
for (const page of ["home", "about", "home"]) batch.incr(k(`views:${page}`));
console.log("loop ->", await batch.exec());

// A transaction: MULTI ... EXEC as one block.
await client.set(k("alice"), 100);
await client.set(k("bob"), 100);
const [alice, bob] = await client.multi()
  .decrby(k("alice"), 30)
  .incrby(k("bob"), 30)
  .exec();
console.log("multi ->", alice, bob);

// A command refused while queueing aborts the whole transaction.
try {
  await client.multi().incr(k("alice")).sendCommand(["NO-SUCH-COMMAND"]).exec();
} catch (error) {
  if (!(error instanceof ExecAbortError)) throw error;
  console.log("EXECABORT ->", error.errors.map((e) => e?.message ?? "queued"));
}

// Optimistic locking: WATCH, read, and write only if nothing changed.
await client.set(k("stock"), 3);
const order = await client.watch(k("stock"), async (tx) => {
  const stock = Number(await tx.get(k("stock")));
  if (stock === 0) return; // sold out: nothing to run
  return tx.multi().decr(k("stock")).rpush(k("orders"), "order-1");
});
console.log("watch ->", order);

// A Lua script, run by digest; EVAL only when the server lacks it.
const capped = defineScript(
  `local v = redis.call('INCR', KEYS[1])
   if v > tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) return tonumber(ARGV[1]) end
   return v`,
  { keys: 1, reply: (reply) => Number(reply) },
);
console.log("script ->", await client.runScript(capped, [k("hits")], [2]));
const inTx = await client.multi()
  .runScript(capped, [k("hits")], [2])
  .runScript(capped, [k("hits")], [2])
  .exec();
console.log("script in a transaction ->", inTx);

const keys: string[] = [];
for await (const key of client.scanIterator({ match: "respite:tx:*" })) {
  keys.push(key);
}
if (keys.length > 0) await client.del(...keys);
