import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as net from "node:net";
import { connect, ReplyError } from "../../mod.ts";
import {
  parity,
  type ServerContext,
  testEncoding,
  useServer,
  utf8,
} from "./_helpers.ts";
import { cases } from "./pubsub_cases.ts";

testEncoding("Pub/sub", cases);

const BINARY = new Uint8Array([0xff, 0x00, 0xfe]);

/** Resolves once `check` holds, polling the server; fails after 10 s. */
async function until(
  what: string,
  check: () => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
  }
}

/** A RESP array of bulk strings. */
function resp(args: (string | Uint8Array)[]): Uint8Array {
  const parts: Uint8Array[] = [utf8(`*${args.length}\r\n`)];
  for (const arg of args) {
    const bytes = typeof arg === "string" ? utf8(arg) : arg;
    parts.push(utf8(`$${bytes.length}\r\n`), bytes, utf8("\r\n"));
  }
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * A subscriber on a raw second connection (the client itself has no
 * SUBSCRIBE method): sends `command` with `channels` and ignores whatever
 * arrives. `close` drops the connection and resolves once CLIENT LIST no
 * longer shows it, so tests do not overlap.
 */
let subscribers = 0;

async function subscriber(
  ctx: ServerContext,
  command: "SUBSCRIBE" | "PSUBSCRIBE" | "SSUBSCRIBE",
  ...channels: (string | Uint8Array)[]
): Promise<{ close(): Promise<void> }> {
  const socket = net.connect(ctx.server.port, "127.0.0.1");
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  socket.on("data", () => {});
  socket.on("error", () => {});
  const name = `subscriber-${++subscribers}`;
  socket.write(resp(["CLIENT", "SETNAME", name]));
  socket.write(resp([command, ...channels]));
  return {
    close: async () => {
      socket.destroy();
      await until(`${name} to leave`, async () => {
        const list = String(await ctx.client.sendCommand(["CLIENT", "LIST"]));
        return !list.includes(` name=${name} `);
      });
    },
  };
}

describe("pub/sub commands against redis-server", () => {
  const ctx = useServer({
    aclUsers: [
      "user default on nopass ~* &* +@all",
      "user limited on >secret ~* &news.* +@all",
    ],
  });

  it("client.publish counts the subscribers that received the message", async () => {
    const { client } = ctx;
    assert.equal(await client.publish("news.1", "nobody"), 0);
    const sub = await subscriber(ctx, "SUBSCRIBE", "news.1", "news.2");
    try {
      await until(
        "the subscriber",
        async () => (await client.pubsubNumsub("news.2"))["news.2"] === 1,
      );
      assert.equal(await client.publish("news.1", "hello"), 1);
      assert.deepEqual(
        await client.pubsubNumsub("news.1", "news.2", "news.none"),
        { "news.1": 1, "news.2": 1, "news.none": 0 },
      );
      assert.deepEqual(
        (await client.pubsubChannels()).sort(),
        ["news.1", "news.2"],
      );
      assert.deepEqual(await client.pubsubChannels("*.1"), ["news.1"]);
      assert.deepEqual(await client.pubsubChannels("sport.*"), []);
      assert.deepEqual(await client.pubsubNumsub(), {});
    } finally {
      await sub.close();
    }
    await until(
      "the subscriber to leave",
      async () => (await client.pubsubNumsub("news.1"))["news.1"] === 0,
    );
    assert.equal(await client.publish("news.1", "gone"), 0);
  });

  it("client.pubsubNumpat counts pattern subscriptions, and publish counts pattern receivers", async () => {
    const { client } = ctx;
    assert.equal(await client.pubsubNumpat(), 0);
    const sub = await subscriber(ctx, "PSUBSCRIBE", "news.*", "sport.*");
    try {
      await until(
        "the pattern subscriber",
        async () => await client.pubsubNumpat() === 2,
      );
      assert.equal(await client.publish("news.x", "hello"), 1);
      // Pattern subscriptions do not show in NUMSUB.
      assert.deepEqual(await client.pubsubNumsub("news.x"), { "news.x": 0 });
    } finally {
      await sub.close();
    }
    await until(
      "the pattern subscriber to leave",
      async () => await client.pubsubNumpat() === 0,
    );
  });

  it("client.spublish, client.pubsubShardchannels and client.pubsubShardnumsub see shard subscribers", async () => {
    const { client } = ctx;
    assert.equal(await client.spublish("orders.1", "nobody"), 0);
    const sub = await subscriber(ctx, "SSUBSCRIBE", "orders.1");
    try {
      await until(
        "the shard subscriber",
        async () =>
          (await client.pubsubShardnumsub("orders.1"))["orders.1"] === 1,
      );
      assert.equal(await client.spublish("orders.1", "created"), 1);
      assert.deepEqual(
        await client.pubsubShardnumsub("orders.1", "orders.2"),
        { "orders.1": 1, "orders.2": 0 },
      );
      assert.deepEqual(await client.pubsubShardchannels(), ["orders.1"]);
      assert.deepEqual(await client.pubsubShardchannels("orders.*"), [
        "orders.1",
      ]);
      assert.deepEqual(await client.pubsubShardchannels("news.*"), []);
      // Shard channels are separate from ordinary channels.
      assert.deepEqual(await client.pubsubChannels("orders.*"), []);
      assert.equal(await client.publish("orders.1", "plain"), 0);
    } finally {
      await sub.close();
    }
  });

  it("client.pubsubHelp lists the PUBSUB subcommands", async () => {
    const help = await ctx.client.pubsubHelp();
    assert.ok(help.some((line) => line.startsWith("NUMSUB")));
    assert.ok(help.some((line) => line.startsWith("SHARDCHANNELS")));
  });

  it("client.bytes pub/sub methods give binary channel names and numeric counts", async () => {
    const { client } = ctx;
    const sub = await subscriber(ctx, "SUBSCRIBE", BINARY);
    const shard = await subscriber(ctx, "SSUBSCRIBE", BINARY);
    try {
      await until(
        "the binary subscriber",
        async () =>
          (await client.bytes.pubsubChannels()).length === 1 &&
          (await client.bytes.pubsubShardchannels()).length === 1,
      );
      assert.deepEqual(await client.bytes.pubsubChannels(), [BINARY]);
      assert.deepEqual(await client.bytes.pubsubShardchannels(), [BINARY]);
      assert.equal(await client.bytes.publish(BINARY, BINARY), 1);
      assert.equal(await client.bytes.spublish(BINARY, BINARY), 1);
      assert.deepEqual(
        Object.values(await client.bytes.pubsubNumsub(BINARY)),
        [1],
      );
      assert.deepEqual(
        Object.values(await client.bytes.pubsubShardnumsub(BINARY)),
        [1],
      );
      assert.deepEqual(await client.bytes.pubsubNumsub("news.none"), {
        "news.none": 0,
      });
      assert.equal(await client.bytes.pubsubNumpat(), 0);
      assert.ok((await client.bytes.pubsubHelp())[0] instanceof Uint8Array);
    } finally {
      await sub.close();
      await shard.close();
    }
  });

  it("pub/sub replies are the same over RESP2 and RESP3", async () => {
    const sub = await subscriber(ctx, "SUBSCRIBE", "parity.1");
    const shard = await subscriber(ctx, "SSUBSCRIBE", "parity.2");
    try {
      await until(
        "the parity subscribers",
        async () =>
          (await ctx.client.pubsubNumsub("parity.1"))["parity.1"] === 1 &&
          (await ctx.client.pubsubShardnumsub("parity.2"))["parity.2"] === 1,
      );
      const result = await parity(ctx, async (client) => ({
        publish: await client.publish("parity.1", "m"),
        spublish: await client.spublish("parity.2", "m"),
        numsub: await client.pubsubNumsub("parity.1", "parity.none"),
        shardnumsub: await client.pubsubShardnumsub("parity.2"),
        channels: await client.pubsubChannels("parity.*"),
        shardchannels: await client.pubsubShardchannels("parity.*"),
        numpat: await client.pubsubNumpat(),
      }));
      assert.deepEqual(result, {
        publish: 1,
        spublish: 1,
        numsub: { "parity.1": 1, "parity.none": 0 },
        shardnumsub: { "parity.2": 1 },
        channels: ["parity.1"],
        shardchannels: ["parity.2"],
        numpat: 0,
      });
    } finally {
      await sub.close();
      await shard.close();
    }
  });

  it("client.publish and client.spublish surface a NOPERM ReplyError for a channel the user may not use", async () => {
    const limited = await connect({
      port: ctx.server.port,
      username: "limited",
      password: "secret",
    });
    try {
      assert.equal(await limited.publish("news.allowed", "ok"), 0);
      for (
        const attempt of [
          () => limited.publish("sport.denied", "no"),
          () => limited.spublish("sport.denied", "no"),
        ]
      ) {
        await assert.rejects(attempt(), (error: unknown) => {
          assert.ok(error instanceof ReplyError);
          assert.equal(error.code, "NOPERM");
          return true;
        });
      }
    } finally {
      limited.disconnect();
    }
  });
});
