// A tour of the typed commands: run against a local redis-server with
//   deno run -A examples/commands.ts [redis://127.0.0.1:6379]
//   bun examples/commands.ts [redis://127.0.0.1:6379]
// It only touches keys under "respite:tour:" and deletes them at the end.
import process from "node:process";
import { connect, ReplyError } from "../mod.ts";

const url = process.argv[2] ?? "redis://127.0.0.1:6379";
await using client = await connect(url);
const k = (name: string) => `respite:tour:${name}`;

// Options are objects named as in the Redis docs.
await client.set(k("session"), "token", { ex: 60, nx: true });
console.log("ttl ->", await client.ttl(k("session")));

// Maps are records, the same over RESP2 and RESP3.
await client.hset(k("user"), { name: "Ada", born: 1815 });
console.log("hgetall ->", await client.hgetall(k("user")));

// Scores are numbers; an option that changes the reply's shape has its own method.
await client.zadd(k("board"), [
  { score: 31.5, member: "ada" },
  { score: 12, member: "bob" },
  { score: Infinity, member: "eve" },
]);
console.log(
  "zrangeWithScores ->",
  await client.zrangeWithScores(k("board"), 0, -1, { rev: true }),
);

// Streams: typed entries.
await client.xadd(k("events"), "*", { type: "login", user: "ada" }, {
  maxlen: { approx: true, threshold: 1000 },
});
console.log("xrange ->", await client.xrange(k("events"), "-", "+"));

// Integers beyond 2^53 arrive as bigint, never rounded.
await client.set(k("big"), "9007199254740993");
console.log("incrby ->", await client.incrby(k("big"), 10));

// SCAN as an async iterator of keys.
const found: string[] = [];
for await (const key of client.scanIterator({ match: k("*"), count: 100 })) {
  found.push(key);
}
console.log("scanIterator ->", found.sort());

// The bytes view: the same methods, raw Uint8Array results.
await client.set(k("blob"), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00]));
console.log("bytes.get ->", await client.bytes.get(k("blob")));
console.log("bytes.hgetall ->", await client.bytes.hgetall(k("user")));

// Invalid arguments fail before anything is sent; server errors are typed.
try {
  await client.expire(k("session"), 1.5); // Redis wants whole seconds
} catch (error) {
  console.log("TypeError ->", (error as Error).message);
}
try {
  await client.lpush(k("user"), "x");
} catch (error) {
  if (error instanceof ReplyError) console.log("ReplyError ->", error.code);
}

console.log("del ->", await client.del(...found, k("blob")));
