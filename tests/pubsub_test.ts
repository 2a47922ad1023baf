import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  type Arg,
  connect,
  ConnectionClosedError,
  type PubSubMessage,
  type RedisClient,
  ReplyError,
  type Subscription,
  type SubscriptionDropEvent,
  SubscriptionOverflowError,
} from "../mod.ts";
import { startServer, type TestServer } from "./_server.ts";
import { PubSubHub, type PubSubTransport } from "../src/pubsub.ts";

const SECRET = "pubsub-pw";

/** Reads `count` messages without leaving the subscription. */
async function take<T extends string | Uint8Array>(
  subscription: Subscription<T>,
  count: number,
  iterator = subscription[Symbol.asyncIterator](),
): Promise<PubSubMessage<T>[]> {
  const out: PubSubMessage<T>[] = [];
  while (out.length < count) {
    const { value, done } = await iterator.next();
    if (done) break;
    out.push(value);
  }
  return out;
}

/**
 * Waits until every message published before this call has been routed:
 * a subscribe round trip goes through the connection that carries the
 * client's subscriptions, behind any message already sent on it.
 */
async function settle(client: RedisClient): Promise<void> {
  const probe = await client.subscribe("settle-probe");
  await probe.unsubscribe();
}

for (const protocol of [3, 2] as const) {
  describe(`Pub/Sub over RESP${protocol}`, () => {
    let server: TestServer;
    let client: RedisClient;
    let publisher: RedisClient;

    before(async () => {
      server = await startServer({
        aclUsers: [
          "user default on nopass ~* &* +@all",
          `user muted on >${SECRET} ~* resetchannels +@all`,
        ],
      });
      client = await connect({ port: server.port, protocol });
      publisher = await connect({ port: server.port });
    });

    after(async () => {
      client?.disconnect();
      publisher?.disconnect();
      await server?.stop();
    });

    it("client.subscribe receives the messages of its channels only", async () => {
      await using sub = await client.subscribe("news", "alerts");
      assert.equal(await publisher.publish("news", "n1"), 1);
      assert.equal(await publisher.publish("other", "o1"), 0);
      assert.equal(await publisher.publish("alerts", "a1"), 1);
      assert.deepEqual(await take(sub, 2), [
        { kind: "message", channel: "news", message: "n1" },
        { kind: "message", channel: "alerts", message: "a1" },
      ]);
      assert.equal(sub.kind, "channel");
      assert.deepEqual(sub.names, ["news", "alerts"]);
    });

    it("client.psubscribe receives pmessages with the matching pattern", async () => {
      await using sub = await client.psubscribe("logs.*");
      assert.equal(await publisher.publish("logs.web", "GET /"), 1);
      assert.deepEqual(await take(sub, 1), [
        {
          kind: "pmessage",
          pattern: "logs.*",
          channel: "logs.web",
          message: "GET /",
        },
      ]);
      assert.equal(await publisher.pubsubNumpat(), 1);
    });

    it("client.ssubscribe receives smessages from spublish", async () => {
      await using sub = await client.ssubscribe("orders:{eu}");
      assert.equal(await publisher.spublish("orders:{eu}", "o-1"), 1);
      assert.deepEqual(await take(sub, 1), [
        { kind: "smessage", channel: "orders:{eu}", message: "o-1" },
      ]);
      assert.deepEqual(await publisher.pubsubShardnumsub("orders:{eu}"), {
        "orders:{eu}": 1,
      });
    });

    it("ordinary commands keep working on the client while it is subscribed", async () => {
      await using sub = await client.subscribe("busy");
      await client.set("while-subscribed", "yes");
      assert.equal(await client.get("while-subscribed"), "yes");
      assert.equal(await client.ping(), "PONG");
      await publisher.publish("busy", "m");
      assert.deepEqual(await take(sub, 1), [
        { kind: "message", channel: "busy", message: "m" },
      ]);
      // A subscribe answered by pushes only, then byte and text replies in
      // the same batch: each reply is decoded for its own caller.
      await client.set("busy-bytes", new Uint8Array([0xc3, 0x28]));
      const [more, raw, text] = await Promise.all([
        client.subscribe("busy-2"),
        client.bytes.get("busy-bytes"),
        client.get("while-subscribed"),
      ]);
      assert.deepEqual(raw, new Uint8Array([0xc3, 0x28]));
      assert.equal(text, "yes");
      await more.unsubscribe();
    });

    it("leaving a for-await loop unsubscribes exactly that subscription's channels", async () => {
      const first = await client.subscribe("x", "y");
      await using second = await client.subscribe("y", "z");
      assert.deepEqual(await publisher.pubsubNumsub("x", "y", "z"), {
        x: 1,
        y: 1,
        z: 1,
      });
      await publisher.publish("x", "for first");
      for await (const message of first) {
        assert.equal(message.message, "for first");
        break;
      }
      assert.equal(first.active, false);
      assert.deepEqual(await publisher.pubsubNumsub("x", "y", "z"), {
        x: 0,
        y: 1,
        z: 1,
      });
      await publisher.publish("y", "for second");
      assert.deepEqual(await take(second, 1), [
        { kind: "message", channel: "y", message: "for second" },
      ]);
    });

    it("sub.unsubscribe and await using unsubscribe, and the iterator finishes", async () => {
      const sub = await client.subscribe("bye");
      const iterator = sub[Symbol.asyncIterator]();
      const pending = iterator.next();
      await sub.unsubscribe();
      assert.deepEqual(await pending, { value: undefined, done: true });
      await sub.unsubscribe(); // again: nothing happens
      assert.deepEqual(await publisher.pubsubNumsub("bye"), { bye: 0 });
      {
        await using _scoped = await client.subscribe("scoped");
        assert.deepEqual(await publisher.pubsubNumsub("scoped"), {
          scoped: 1,
        });
      }
      assert.deepEqual(await publisher.pubsubNumsub("scoped"), { scoped: 0 });
    });

    it("client.subscribe takes 10000 channels in one call", async () => {
      const channels = Array.from({ length: 10_000 }, (_, i) => `bulk:${i}`);
      const sub = await client.subscribe(channels, {});
      assert.equal((await publisher.pubsubChannels("bulk:*")).length, 10_000);
      await publisher.publish("bulk:9999", "last");
      assert.deepEqual(await take(sub, 1), [
        { kind: "message", channel: "bulk:9999", message: "last" },
      ]);
      await sub.unsubscribe();
      assert.deepEqual(await publisher.pubsubChannels("bulk:*"), []);
    });

    it("10000 published messages and 10000 commands interleave with every message and reply correct", async () => {
      await using sub = await client.subscribe("flood");
      const messages: string[] = [];
      const reading = (async () => {
        for await (const { message } of sub) {
          messages.push(message);
          if (messages.length === 10_000) break;
        }
      })();
      const publishing = Promise.all(
        Array.from(
          { length: 10_000 },
          (_, i) => publisher.publish("flood", `m${i}`),
        ),
      );
      const counting = Promise.all(
        Array.from({ length: 10_000 }, () => client.incr("flood-counter")),
      );
      const echoes = Promise.all(
        Array.from({ length: 1000 }, (_, i) => client.echo(`e${i}`)),
      );
      const [published, counts, echoed] = await Promise.all([
        publishing,
        counting,
        echoes,
      ]);
      await reading;
      assert.ok(published.every((receivers) => receivers === 1));
      assert.deepEqual(counts, Array.from({ length: 10_000 }, (_, i) => i + 1));
      assert.deepEqual(echoed, Array.from({ length: 1000 }, (_, i) => `e${i}`));
      assert.deepEqual(
        messages,
        Array.from({ length: 10_000 }, (_, i) => `m${i}`),
      );
      assert.equal(sub.dropped, 0);
    });

    it("client.bytes.subscribe delivers binary channels and payloads byte for byte", async () => {
      const channel = new Uint8Array([0xff, 0x00, 0x63]);
      const payload = Uint8Array.from({ length: 256 }, (_, i) => i);
      await using sub = await client.bytes.subscribe(channel);
      await using patterns = await client.bytes.psubscribe("bin*");
      assert.equal(await publisher.publish(channel, payload), 1);
      await publisher.publish("binary", new Uint8Array([0x80]));
      assert.deepEqual(await take(sub, 1), [
        { kind: "message", channel, message: payload },
      ]);
      assert.deepEqual(await take(patterns, 1), [
        {
          kind: "pmessage",
          pattern: new TextEncoder().encode("bin*"),
          channel: new TextEncoder().encode("binary"),
          message: new Uint8Array([0x80]),
        },
      ]);
    });

    it("a listener receives the messages, and such a subscription cannot be iterated", async () => {
      const received: PubSubMessage[] = [];
      await using sub = await client.subscribe(["listened"], {
        listener: (message) => {
          received.push(message);
          if (message.message === "boom") throw new Error("ignored");
        },
      });
      await publisher.publish("listened", "boom");
      await publisher.publish("listened", "after");
      await settle(client);
      assert.deepEqual(received.map((m) => m.message), ["boom", "after"]);
      assert.throws(() => sub[Symbol.asyncIterator](), TypeError);
    });

    it("a slow consumer with drop-oldest keeps the newest messages and counts the dropped ones", async () => {
      await using sub = await client.subscribe(["slow"], { bufferSize: 10 });
      for (let i = 0; i < 100; i++) await publisher.publish("slow", `s${i}`);
      await settle(client);
      assert.equal(sub.dropped, 90);
      const kept = await take(sub, 10);
      assert.deepEqual(
        kept.map((m) => m.message),
        Array.from({ length: 10 }, (_, i) => `s${90 + i}`),
      );
      assert.equal(sub.active, true);
    });

    it("Subscription dispatches one drop event per burst of dropped messages", async () => {
      await using sub = await client.subscribe(["bursty"], { bufferSize: 3 });
      const events: SubscriptionDropEvent[] = [];
      sub.addEventListener("drop", (event) => events.push(event));
      for (let i = 0; i < 10; i++) await publisher.publish("bursty", `a${i}`);
      await settle(client);
      assert.equal(sub.dropped, 7);
      assert.deepEqual(events.map((e) => [e.type, e.dropped]), [["drop", 1]]);
      // The reader catches up and empties the buffer: the next overflow is
      // a new burst.
      const iterator = sub[Symbol.asyncIterator]();
      await take(sub, 3, iterator);
      for (let i = 0; i < 5; i++) await publisher.publish("bursty", `b${i}`);
      await settle(client);
      assert.equal(sub.dropped, 9);
      assert.deepEqual(events.map((e) => e.dropped), [1, 8]);
      assert.deepEqual(
        (await take(sub, 3, iterator)).map((m) => m.message),
        ["b2", "b3", "b4"],
      );
    });

    it("a slow consumer with overflow error ends after its buffered messages", async () => {
      const sub = await client.subscribe(["strict"], {
        bufferSize: 5,
        overflow: "error",
      });
      for (let i = 0; i < 8; i++) await publisher.publish("strict", `t${i}`);
      await settle(client);
      assert.equal(sub.active, false);
      const iterator = sub[Symbol.asyncIterator]();
      assert.deepEqual(
        (await take(sub, 5, iterator)).map((m) => m.message),
        ["t0", "t1", "t2", "t3", "t4"],
      );
      await assert.rejects(
        iterator.next(),
        (error: unknown) =>
          error instanceof SubscriptionOverflowError && error.limit === 5,
      );
      assert.deepEqual(await iterator.next(), { value: undefined, done: true });
      assert.deepEqual(await publisher.pubsubNumsub("strict"), { strict: 0 });
    });

    it("a refused SUBSCRIBE rejects with NOPERM and later replies reach the right callers", async () => {
      await using muted = await connect({
        port: server.port,
        protocol,
        username: "muted",
        password: SECRET,
      });
      await muted.set("np-text", "text");
      await muted.set("np-bytes", new Uint8Array([0xfe, 0xff]));
      const refused = muted.subscribe("forbidden");
      const raw = muted.bytes.get("np-bytes");
      const text = muted.get("np-text");
      const count = muted.incr("np-count");
      await assert.rejects(
        refused,
        (error: unknown) =>
          error instanceof ReplyError && error.code === "NOPERM",
      );
      assert.deepEqual(await raw, new Uint8Array([0xfe, 0xff]));
      assert.equal(await text, "text");
      assert.equal(await count, 1);
      assert.deepEqual(await muted.mget("np-text", "none"), ["text", null]);
    });

    it("subscribe rejects an empty channel list and bad options before sending", async () => {
      await assert.rejects(client.subscribe(), TypeError);
      await assert.rejects(client.subscribe([], {}), TypeError);
      await assert.rejects(
        client.subscribe(["c"], { bufferSize: 0 }),
        TypeError,
      );
      assert.equal(await client.ping(), "PONG");
    });

    it("keyspace notifications arrive through psubscribe", async () => {
      await publisher.configSet({ "notify-keyspace-events": "KEA" });
      try {
        await using events = await client.psubscribe("__keyspace@0__:user:*");
        await publisher.set("user:1", "Ada");
        await publisher.expire("user:1", 100);
        await publisher.del("user:1");
        assert.deepEqual(
          await take(events, 3),
          [
            "set",
            "expire",
            "del",
          ].map((message) => ({
            kind: "pmessage",
            pattern: "__keyspace@0__:user:*",
            channel: "__keyspace@0__:user:1",
            message,
          })),
        );
      } finally {
        await publisher.configSet({ "notify-keyspace-events": "" });
      }
    });

    it("with the default reconnect, a subscription carries on when the connection drops", async () => {
      const own = await connect({
        port: server.port,
        protocol,
        clientName: "carrier",
      });
      try {
        const sub = await own.subscribe("carry");
        const messages = sub[Symbol.asyncIterator]();
        const ready = new Promise((resolve) =>
          own.addEventListener("ready", resolve, { once: true })
        );
        for (const c of await publisher.clientList()) {
          if (c.name === "carrier") {
            await publisher.clientKill({ id: Number(c.id) });
          }
        }
        await ready;
        // Published until the restored subscription receives it.
        let received: IteratorResult<unknown> | undefined;
        const next = messages.next().then((result) => received = result);
        while (received === undefined) {
          await publisher.publish("carry", "after");
          await Promise.race([next, publisher.ping()]);
        }
        assert.equal(
          (received.value as { message: string }).message,
          "after",
        );
        assert.equal(sub.active, true);
        assert.equal(own.subscribed, true);
      } finally {
        own.disconnect();
      }
    });

    it("without reconnecting, subscriptions end with ConnectionClosedError when the connection drops, and quietly on close()", async () => {
      const own = await connect({
        port: server.port,
        protocol,
        clientName: "dropper",
        reconnect: false,
      });
      const dropped = await own.subscribe("drop");
      const ended = assert.rejects(
        dropped[Symbol.asyncIterator]().next(),
        ConnectionClosedError,
      );
      // Over RESP2 the subscription has a connection of its own, with the
      // same name: kill every connection of that client.
      for (const c of await publisher.clientList()) {
        if (c.name === "dropper") {
          await publisher.clientKill({ id: Number(c.id) });
        }
      }
      await ended;
      assert.equal(dropped.active, false);
      own.disconnect();

      const polite = await connect({ port: server.port, protocol });
      const quiet = await polite.subscribe("quiet");
      const next = quiet[Symbol.asyncIterator]().next();
      await polite.close();
      assert.deepEqual(await next, { value: undefined, done: true });
      await assert.rejects(polite.subscribe("late"), ConnectionClosedError);
    });
  });
}

const text = new TextDecoder();
const bytes = (value: string) => new TextEncoder().encode(value);

/** A transport that records the commands it was asked to send. */
function recorder(sent: string[][]): () => Promise<PubSubTransport> {
  return () =>
    Promise.resolve({
      command: (argv: Arg[] | undefined) => {
        sent.push(
          (argv ?? ["PING"]).map((arg) =>
            arg instanceof Uint8Array ? text.decode(arg) : String(arg)
          ),
        );
        return Promise.resolve();
      },
    });
}

describe("PubSubHub", () => {
  it("PubSubHub subscribes a name once however many subscriptions share it", async () => {
    const sent: string[][] = [];
    const hub = new PubSubHub(recorder(sent));
    const a = await hub.subscribe("channel", ["x", "y"], false, {});
    const b = await hub.subscribe("channel", ["y", "z", "z"], false, {});
    assert.deepEqual(sent, [["SUBSCRIBE", "x", "y"], ["SUBSCRIBE", "z"]]);
    await a.unsubscribe();
    assert.deepEqual(sent.at(-1), ["UNSUBSCRIBE", "x"]);
    await b.unsubscribe();
    assert.deepEqual(sent.at(-1), ["UNSUBSCRIBE", "y", "z"]);
    assert.equal(hub.active, false);
  });

  it("PubSubHub routes messages by channel, pattern and shard channel", async () => {
    const hub = new PubSubHub(recorder([]));
    const channel = await hub.subscribe("channel", ["c"], false, {});
    const pattern = await hub.subscribe("pattern", ["c*"], true, {});
    const shard = await hub.subscribe("shard", ["c"], false, {});
    assert.equal(hub.route([bytes("message"), bytes("c"), bytes("1")]), true);
    assert.equal(
      hub.route([bytes("pmessage"), bytes("c*"), bytes("c1"), bytes("2")]),
      true,
    );
    assert.equal(hub.route([bytes("smessage"), bytes("c"), bytes("3")]), true);
    assert.equal(hub.route([bytes("subscribe"), bytes("c"), 1]), true);
    assert.equal(hub.route([bytes("invalidate"), [bytes("k")]]), false);
    const first = async <T>(s: AsyncIterable<T>) =>
      (await s[Symbol.asyncIterator]().next()).value;
    assert.deepEqual(await first(channel), {
      kind: "message",
      channel: "c",
      message: "1",
    });
    assert.deepEqual(await first(pattern), {
      kind: "pmessage",
      pattern: bytes("c*"),
      channel: bytes("c1"),
      message: bytes("2"),
    });
    assert.deepEqual(await first(shard), {
      kind: "smessage",
      channel: "c",
      message: "3",
    });
  });

  it("PubSubHub restore subscribes a new connection to every active name", async () => {
    const hub = new PubSubHub(recorder([]));
    await hub.subscribe("channel", ["a", "b"], false, {});
    await hub.subscribe("pattern", ["p*"], false, {});
    const gone = await hub.subscribe("shard", ["s"], false, {});
    await gone.unsubscribe();
    const sent: string[][] = [];
    await hub.restore(await recorder(sent)());
    assert.deepEqual(sent, [["SUBSCRIBE", "a", "b"], ["PSUBSCRIBE", "p*"]]);
  });

  it("PubSubHub forgets a subscription whose command was refused", async () => {
    const hub = new PubSubHub(() =>
      Promise.resolve({
        command: () => Promise.reject(new Error("NOPERM")),
      })
    );
    await assert.rejects(
      hub.subscribe("channel", ["no"], false, {}),
      /NOPERM/,
    );
    assert.equal(hub.active, false);
  });
});
