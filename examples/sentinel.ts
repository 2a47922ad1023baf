// Redis Sentinel: run against sentinels you started yourself, with the master
// group's name and one or more sentinel URLs:
//   deno run -A examples/sentinel.ts mymaster redis://127.0.0.1:26379
//   bun examples/sentinel.ts mymaster redis://127.0.0.1:26379
//   .tools/node_modules/.bin/node examples/sentinel.ts mymaster redis://127.0.0.1:26379
// It only touches keys and channels under "respite:sentinel:" and deletes the
// keys at the end.
import process from "node:process";
import { connectSentinel } from "../mod.ts";

const [name, ...sentinels] = process.argv.slice(2);
if (name === undefined || sentinels.length === 0) {
  console.error(
    "usage: examples/sentinel.ts <master group> <sentinel URL> [<sentinel URL> ...]",
  );
  process.exit(2);
}

// The master: the sentinels give its address on every (re)connect, and the
// client checks its ROLE. Data nodes' credentials would go here (password,
// tls, ...); the sentinels' own are sentinelUsername / sentinelPassword /
// sentinelTls, or in their URLs.
await using client = await connectSentinel({ sentinels, name });
client.addEventListener("failover", (event) => {
  console.log("the master moved:", event.from, "->", event.to);
});
const role = await client.role();
console.log("connected to the %s of %s", role.role, name);

const k = (key: string) => `respite:sentinel:${key}`;
await client.set(k("greeting"), "hello", { ex: 60 });
console.log("GET ->", await client.get(k("greeting")));
console.log("INCR ->", await client.incr(k("visits")));

// Reads from a replica (the master when no replica is healthy). Replicas
// lag behind: a write may not be there yet.
await using replica = await connectSentinel({
  sentinels,
  name,
  role: "replica",
});
console.log("replica role ->", (await replica.role()).role);

// Subscriptions are restored on the new master after a failover.
const channel = k("news");
const subscription = await client.subscribe([channel]);
await client.publish(channel, "hello, subscribers");
for await (const { message } of subscription) {
  console.log("message ->", message);
  break;
}

await client.del(k("greeting"), k("visits"));
console.log("done");
