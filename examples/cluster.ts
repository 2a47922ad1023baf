// Redis Cluster: run against a cluster you started yourself, with one or more
// seed URLs (one node that answers is enough):
//   deno run -A examples/cluster.ts redis://127.0.0.1:7000
//   bun examples/cluster.ts redis://127.0.0.1:7000
//   .tools/node_modules/.bin/node examples/cluster.ts redis://127.0.0.1:7000
// It only touches keys and channels under "respite:cluster:" and deletes the
// keys at the end.
import process from "node:process";
import { connectCluster, keySlot } from "../mod.ts";

const seeds = process.argv.slice(2);
if (seeds.length === 0) {
  console.error("usage: examples/cluster.ts <seed URL> [<seed URL> ...]");
  process.exit(2);
}

await using cluster = await connectCluster({
  nodes: seeds,
  // Without it, a call waits as long as its shard has no reachable master.
  commandTimeout: 5000,
});
const masters = cluster.slots.shards.filter((shard) => shard.master);
console.log(
  "connected: %d masters, %d of 16384 slots covered",
  masters.length,
  cluster.slots.covered,
);
cluster.addEventListener("node-removed", (event) => {
  console.log("a node left the cluster:", event.node);
});

const k = (name: string) => `respite:cluster:${name}`;

// A keyed command goes to the master of its key's slot.
await cluster.set(k("greeting"), "hello", { ex: 60 });
console.log("GET ->", await cluster.get(k("greeting")));

// Keys in different slots: one MSET and one MGET per slot, in parallel,
// results in the caller's order. (A split MSET is not atomic.)
const keys = ["a", "b", "c", "d", "e"].map(k);
console.log("slots ->", keys.map((key) => keySlot(key)));
await cluster.mset(Object.fromEntries(keys.map((key, i) => [key, i])));
console.log("MGET ->", await cluster.mget(...keys, k("missing")));

// A pipeline: grouped per node, one write per node, results in order.
const [visits, other, greeting] = await cluster.pipeline()
  .incr(k("visits"))
  .incr(k("other"))
  .get(k("greeting"))
  .exec();
console.log("pipeline ->", visits, other, greeting);

// A transaction needs all its keys in one slot: a hash tag puts them there.
await cluster.set(k("{account}:alice"), 100);
await cluster.set(k("{account}:bob"), 100);
const [alice, bob] = await cluster.multi()
  .decrby(k("{account}:alice"), 30)
  .incrby(k("{account}:bob"), 30)
  .exec();
console.log("multi ->", alice, bob);
try {
  await cluster.multi().incr(k("a")).incr(k("b")).exec();
} catch (error) {
  console.log("multi over two slots ->", (error as Error).message);
}

// Pub/Sub: a classic channel on one node, a sharded one on its slot's master.
{
  await using news = await cluster.subscribe(k("news"));
  await using orders = await cluster.ssubscribe(k("orders"));
  await cluster.publish(k("news"), "published");
  await cluster.spublish(k("orders"), "spublished");
  for await (const { channel, message } of news) {
    console.log("message ->", channel, message);
    break;
  }
  for await (const { channel, message } of orders) {
    console.log("smessage ->", channel, message);
    break;
  }
}

// Node-specific commands: one surface per master.
for (const node of await cluster.nodes()) {
  const info = await node.info("server");
  const port = /tcp_port:(\d+)/.exec(info)?.[1];
  console.log("master on port %s holds %d keys", port, await node.dbsize());
}
console.log("DBSIZE, summed over the masters ->", await cluster.dbsize());

// DEL over many slots: split, and the counts summed.
const removed = await cluster.del(
  ...keys,
  k("visits"),
  k("other"),
  k("greeting"),
  k("{account}:alice"),
  k("{account}:bob"),
);
console.log("DEL ->", removed);
console.log(cluster);
