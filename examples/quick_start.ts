// The README's quick start. Run it against a redis-server (the URL is
// optional and defaults to redis://127.0.0.1:6379):
//   deno run --allow-net examples/quick_start.ts redis://127.0.0.1:6379
//   bun examples/quick_start.ts redis://127.0.0.1:6379
//   node examples/quick_start.ts redis://127.0.0.1:6379    (Node.js 24)
import process from "node:process";
import { connect, ReplyError } from "../mod.ts";

const url = process.argv[2] ?? "redis://127.0.0.1:6379";
await using client = await connect({
  url,
  // Without it, a call waits as long as the server is unreachable: the
  // client reconnects for ever and queues commands meanwhile.
  commandTimeout: 5000,
});
console.log(
  "connected over RESP%d to %s %s",
  client.protocol,
  client.server.name,
  client.server.version,
);

await client.set("respite:greeting", "hello", { ex: 60 });
console.log("GET ->", await client.get("respite:greeting"));
console.log("TTL ->", await client.ttl("respite:greeting"));

// Commands issued together go out in one write; replies come back in order.
const counts = await Promise.all(
  Array.from({ length: 5 }, () => client.incr("respite:counter")),
);
console.log("INCR x5 ->", counts);

// Any command, raw bytes included.
const bytes = new Uint8Array([0, 1, 2, 253, 254, 255]);
await client.sendCommand(["SET", "respite:bytes", bytes]);
console.log(
  "bytes ->",
  await client.sendCommand(["GET", "respite:bytes"], { bytes: true }),
);

// An error reply rejects only its own command.
try {
  await client.sendCommand(["LPUSH", "respite:greeting", "x"]);
} catch (error) {
  if (error instanceof ReplyError) console.log("error code ->", error.code);
}

await client.del("respite:greeting", "respite:counter", "respite:bytes");
