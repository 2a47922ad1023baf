import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import {
  connect,
  ConnectionClosedError,
  ConnectionError,
  type RedisClient,
  ReplyError,
} from "../../mod.ts";
import { commands } from "../../src/commands/mod.ts";
import { serverHas } from "../_process.ts";
import { startServer, type TestServer } from "../_server.ts";
import { parity, testEncoding, useServer, utf8 } from "./_helpers.ts";
import { cases } from "./server_cases.ts";

testEncoding("Server", cases);

const BINARY = new Uint8Array([0xff, 0x00, 0xfe]);
const text = new TextDecoder();

function replyError(pattern: RegExp): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof ReplyError, `not a ReplyError: ${error}`);
    assert.match(error.message, pattern);
    return true;
  };
}

function nearNow(seconds: number): boolean {
  return Math.abs(seconds - Date.now() / 1000) < 60;
}

/** Full syncs start at once instead of waiting for more replicas. */
const REPLICATION = ["--repl-diskless-sync-delay", "0"];

/**
 * Waits until the one replica of `master` is online and has acknowledged a
 * write made after it attached (WAIT blocks until then).
 */
async function synced(master: RedisClient): Promise<void> {
  // Without a write the first WAIT only waits for the replica to be online.
  assert.equal(await master.sendCommand(["WAIT", 1, 10000]), 1);
  await master.set("k:replicated", "1");
  assert.equal(await master.sendCommand(["WAIT", 1, 10000]), 1);
}

/** Starts private servers, runs `body`, and stops them whatever happens. */
async function withServers(
  count: number,
  args: string[],
  body: (servers: TestServer[]) => Promise<void>,
): Promise<void> {
  const servers: TestServer[] = [];
  try {
    for (let i = 0; i < count; i++) servers.push(await startServer({ args }));
    await body(servers);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

describe("Server commands against a server", () => {
  const ctx = useServer({
    args: ["--enable-debug-command", "yes", "--enable-module-command", "yes"],
  });

  it("client.info returns the INFO text and client.infoSections parses it by section", async () => {
    const { client } = ctx;
    await client.set("k:info", "v");
    const info = await client.info("server");
    assert.match(info, /^# Server\r\n/);
    const version = /redis_version:(\S+)/.exec(info)?.[1];
    assert.ok(version !== undefined);

    const sections = await client.infoSections("server", "clients");
    assert.deepEqual(Object.keys(sections), ["server", "clients"]);
    assert.equal(sections.server?.redis_version, version);
    assert.equal(sections.server?.tcp_port, String(ctx.server.port));
    assert.ok(Number(sections.clients?.connected_clients) >= 3);

    const keyspace = await client.infoSections("keyspace");
    // Newer servers add fields after these (Redis 7.4: subexpiry).
    assert.match(
      keyspace.keyspace?.db0 ?? "",
      /^keys=\d+,expires=\d+,avg_ttl=\d+(,[a-z_]+=\d+)*$/,
    );
    const all = await client.infoSections();
    for (const name of ["server", "memory", "persistence", "stats"]) {
      assert.ok(name in all, `no "${name}" section`);
    }
    assert.equal(await client.info("nosuchsection"), "");
    assert.deepEqual(await client.infoSections("nosuchsection"), {});
  });

  it("client.infoSections gives the same sections and fields over RESP2 and RESP3", async () => {
    const result = await parity(ctx, async (client) => {
      const sections = await client.infoSections("server", "keyspace");
      return {
        sections: Object.keys(sections),
        fields: Object.keys(sections.server ?? {}),
        version: sections.server?.redis_version,
      };
    });
    assert.ok(result.fields.includes("redis_version"));
  });

  it("client.bytes.info and client.bytes.infoSections deliver text as bytes", async () => {
    const { client } = ctx;
    const raw = await client.bytes.info("server");
    assert.ok(raw instanceof Uint8Array);
    assert.match(text.decode(raw), /^# Server\r\n/);
    const sections = await client.bytes.infoSections("server");
    const version = sections.server?.redis_version;
    assert.ok(version instanceof Uint8Array);
    assert.equal(
      text.decode(version),
      (await client.infoSections("server")).server?.redis_version,
    );
  });

  it("client.configSet changes parameters that client.configGet reads back", async () => {
    const { client } = ctx;
    assert.equal(
      await client.configSet({
        "slowlog-max-len": 64,
        "maxmemory-policy": "allkeys-lru",
      }),
      "OK",
    );
    assert.deepEqual(
      await client.configGet("slowlog-max-len", "maxmemory-policy"),
      { "slowlog-max-len": "64", "maxmemory-policy": "allkeys-lru" },
    );
    const pattern = await client.configGet("maxmemory-p*");
    assert.equal(pattern["maxmemory-policy"], "allkeys-lru");
    assert.deepEqual(await client.configGet("no-such-parameter"), {});
    assert.equal(
      await client.configSet({ "maxmemory-policy": "noeviction" }),
      "OK",
    );
    const bytes = await client.bytes.configGet("maxmemory-policy");
    assert.deepEqual(bytes, { "maxmemory-policy": utf8("noeviction") });
  });

  it("client.configGet gives the same record over RESP2 and RESP3", async () => {
    const result = await parity(
      ctx,
      (client) => client.configGet("maxmemory*", "save", "appendonly"),
    );
    assert.equal(result.appendonly, "no");
    assert.equal(result.maxmemory, "0");
  });

  it("client.configSet and client.configGet reject bad input", async () => {
    const { client } = ctx;
    await assert.rejects(
      client.configSet({ "no-such-parameter": 1 }),
      replyError(/Unknown option|unsupported|no-such-parameter/i),
    );
    await assert.rejects(
      client.configSet({ maxmemory: "lots" }),
      replyError(/maxmemory/),
    );
    await assert.rejects(client.configSet({}), TypeError);
    await assert.rejects(client.configGet(), TypeError);
  });

  it("client.configResetstat clears command statistics and client.configRewrite needs a config file", async () => {
    const { client } = ctx;
    await client.set("k:stat", "1");
    const before = await client.infoSections("commandstats");
    assert.ok("cmdstat_set" in (before.commandstats ?? {}));
    assert.equal(await client.configResetstat(), "OK");
    const after = await client.infoSections("commandstats");
    assert.ok(!("cmdstat_set" in (after.commandstats ?? {})));
    await assert.rejects(
      client.configRewrite(),
      replyError(/without a config file/),
    );
    const help = await client.configHelp();
    assert.ok(help.some((line) => line.startsWith("GET")));
  });

  it("client.dbsize, client.flushdb, client.flushall and client.swapdb manage whole databases", async () => {
    const { client, resp2 } = ctx;
    assert.equal(await client.flushdb({ sync: true }), "OK");
    assert.equal(await client.dbsize(), 0);
    await client.set("k:a", "1");
    await client.set("k:b", "2");
    assert.equal(await client.dbsize(), 2);

    assert.equal(await client.swapdb(0, 5), "OK");
    assert.equal(await client.dbsize(), 0);
    assert.equal(await client.swapdb(5, 0), "OK");
    assert.equal(await client.dbsize(), 2);
    await assert.rejects(client.swapdb(0, 100000), replyError(/range/i));
    await assert.rejects(client.swapdb(0, 1.5), TypeError);

    assert.equal(await client.flushdb({ async: true }), "OK");
    assert.equal(await client.dbsize(), 0);
    await client.set("k:a", "1");
    assert.equal(await client.flushdb(), "OK");
    assert.equal(await client.dbsize(), 0);

    await client.set("k:a", "1");
    await resp2.set("k:b", "2");
    assert.equal(await client.flushall({ sync: true }), "OK");
    assert.equal(await client.dbsize(), 0);
    assert.equal(await resp2.dbsize(), 0);
    await resp2.set("k:b", "2");
    assert.equal(await client.flushall({ async: true }), "OK");
    assert.equal(await resp2.dbsize(), 0);
    await resp2.set("k:b", "2");
    assert.equal(await client.flushall(), "OK");
    assert.equal(await resp2.dbsize(), 0);
    await assert.rejects(
      // @ts-expect-error: "async" and "sync" exclude each other
      client.flushall({ async: true, sync: true }),
      TypeError,
    );
  });

  it("client.save writes the dataset and client.lastsave reports when", async () => {
    const { client } = ctx;
    await client.set("k:save", "1");
    const before = await client.lastsave();
    assert.equal(await client.save(), "OK");
    const after = await client.lastsave();
    assert.ok(after >= before);
    assert.ok(nearNow(after), `lastsave ${after} is not now`);
  });

  it("client.bgsave starts a save and client.bgrewriteaof waits for it", async () => {
    // A slow child (one second per key) makes the replies deterministic.
    await withServers(1, ["--rdb-key-save-delay", "1000000"], async ([srv]) => {
      await using client = await connect({ port: srv!.port });
      await client.set("k:slow", "1");
      assert.equal(await client.bgsave(), "Background saving started");
      assert.equal(
        await client.bgrewriteaof(),
        "Background append only file rewriting scheduled",
      );
      await assert.rejects(client.bgsave(), replyError(/already in progress/));
      await assert.rejects(client.save(), replyError(/already in progress/));
    });
  });

  it("client.bgrewriteaof starts a rewrite and client.bgsave with schedule waits for it", async () => {
    await withServers(1, ["--rdb-key-save-delay", "1000000"], async ([srv]) => {
      await using client = await connect({ port: srv!.port });
      await client.set("k:slow", "1");
      assert.equal(
        await client.bgrewriteaof(),
        "Background append only file rewriting started",
      );
      await assert.rejects(
        client.bgsave(),
        replyError(/Another child process is active/),
      );
      assert.equal(
        await client.bgsave({ schedule: true }),
        "Background saving scheduled",
      );
      await assert.rejects(
        client.bgrewriteaof(),
        replyError(/already in progress/),
      );
    });
  });

  it("client.time returns the server clock in seconds and microseconds", async () => {
    const { seconds, microseconds } = await ctx.client.time();
    assert.ok(nearNow(seconds), `time ${seconds} is not now`);
    assert.ok(Number.isInteger(microseconds));
    assert.ok(microseconds >= 0 && microseconds < 1_000_000);
    const resp2 = await ctx.resp2.bytes.time();
    assert.ok(nearNow(resp2.seconds));
  });

  it("client.role describes a master, and client.replicaof and client.slaveof attach and detach a replica", async () => {
    await withServers(2, REPLICATION, async ([master, replica]) => {
      await using m = await connect({ port: master!.port });
      await using r = await connect({ port: replica!.port, protocol: 2 });
      const alone = await m.role();
      assert.equal(alone.role, "master");
      assert.deepEqual(alone.role === "master" && alone.replicas, []);

      assert.equal(await r.replicaof("127.0.0.1", master!.port), "OK");
      assert.equal(
        await r.replicaof("127.0.0.1", master!.port),
        "OK Already connected to specified master",
      );
      const attaching = await r.role();
      assert.equal(attaching.role, "slave");
      if (attaching.role === "slave") {
        assert.equal(attaching.masterHost, "127.0.0.1");
        assert.equal(attaching.masterPort, master!.port);
        assert.ok(
          ["connect", "connecting", "handshake", "sync", "connected"].includes(
            attaching.state,
          ),
          attaching.state,
        );
      }

      await synced(m);
      const primary = await m.role();
      assert.equal(primary.role, "master");
      if (primary.role === "master") {
        assert.ok(primary.replicationOffset > 0);
        assert.equal(primary.replicas.length, 1);
        assert.equal(primary.replicas[0]?.ip, "127.0.0.1");
        assert.equal(primary.replicas[0]?.port, replica!.port);
        assert.ok((primary.replicas[0]?.replicationOffset ?? 0) > 0);
      }
      const following = await r.role();
      assert.deepEqual(
        following.role === "slave" &&
          [following.state, following.replicationOffset > 0],
        ["connected", true],
      );
      const bytes = await r.bytes.role();
      assert.ok(
        bytes.role === "slave" && bytes.masterHost instanceof Uint8Array,
      );

      assert.equal(await r.replicaof("NO", "ONE"), "OK");
      assert.equal((await r.role()).role, "master");
      assert.equal(await r.slaveof("127.0.0.1", master!.port), "OK");
      assert.equal((await r.role()).role, "slave");
      assert.equal(await r.slaveof("NO", "ONE"), "OK");
      assert.equal((await r.role()).role, "master");
      await assert.rejects(
        // @ts-expect-error: the port must be a number
        r.replicaof("127.0.0.1", String(master!.port)),
        TypeError,
      );
    });
  });

  it("client.failover hands over to a connected replica and reports errors as ReplyError", async () => {
    await assert.rejects(
      ctx.client.failover(),
      replyError(/requires connected replicas/),
    );
    await assert.rejects(
      ctx.client.failover({ abort: true }),
      replyError(/No failover in progress/),
    );
    await assert.rejects(
      // @ts-expect-error: "abort" excludes "timeout"
      ctx.client.failover({ abort: true, timeout: 5 }),
      TypeError,
    );
    await withServers(2, REPLICATION, async ([master, replica]) => {
      await using m = await connect({ port: master!.port });
      await using r = await connect({ port: replica!.port });
      await r.replicaof("127.0.0.1", master!.port);
      await synced(m);
      await assert.rejects(
        m.failover({ to: { host: "127.0.0.1", port: master!.port } }),
        replyError(/not a replica/),
      );
      assert.equal(
        await m.failover({
          to: { host: "127.0.0.1", port: replica!.port },
          timeout: 10000,
        }),
        "OK",
      );
    });
  });

  it("client.shutdown stops the server, rejecting with ConnectionClosedError", async () => {
    await assert.rejects(
      ctx.client.shutdown({ abort: true }),
      replyError(/No shutdown in progress/),
    );
    await assert.rejects(
      // @ts-expect-error: "nosave" and "save" exclude each other
      ctx.client.shutdown({ nosave: true, save: true }),
      TypeError,
    );
    await withServers(1, [], async ([srv]) => {
      // Without reconnecting: the client would otherwise keep trying.
      const client = await connect({ port: srv!.port, reconnect: false });
      await assert.rejects(
        client.shutdown({ nosave: true, now: true }),
        (error: unknown) => {
          assert.ok(
            error instanceof ConnectionClosedError,
            `not a ConnectionClosedError: ${error}`,
          );
          assert.equal(error.written, true);
          return true;
        },
      );
      assert.equal(client.closed, true);
      await assert.rejects(
        connect({ port: srv!.port, connectTimeout: 2000 }),
        ConnectionError,
      );
    });
  });

  it("client.debug runs DEBUG subcommands and returns their raw replies", async () => {
    const { client } = ctx;
    assert.equal(await client.debug("SLEEP", 0), "OK");
    await client.set("k:debug", "hello");
    const object = await client.debug("OBJECT", "k:debug");
    assert.match(String(object), /encoding:embstr/);
    await assert.rejects(client.debug("NO-SUCH-SUBCOMMAND"), ReplyError);
    await assert.rejects(client.debug(""), TypeError);
  });

  it("client.latencyLatest, latencyHistory, latencyGraph, latencyDoctor and latencyReset report latency spikes", async () => {
    const { client } = ctx;
    assert.equal(
      await client.configSet({ "latency-monitor-threshold": 10 }),
      "OK",
    );
    await client.latencyReset();
    await client.debug("SLEEP", 0.02);
    const latest = await client.latencyLatest();
    const event = latest.find((entry) => entry.event === "command");
    assert.ok(event !== undefined, JSON.stringify(latest));
    assert.ok(event.latestMillis >= 20, String(event.latestMillis));
    assert.ok(event.maxMillis >= event.latestMillis);
    assert.ok(nearNow(event.timestamp));

    const history = await client.latencyHistory("command");
    // One sample per second at most; a busy machine may add a second one.
    assert.ok(history.length >= 1);
    assert.ok(history.every((sample) => nearNow(sample.timestamp)));
    assert.ok(history.some((sample) => sample.latencyMillis >= 20));

    assert.match(await client.latencyGraph("command"), /command/);
    assert.ok((await client.latencyDoctor()).length > 0);
    assert.ok((await client.latencyHelp()).length > 0);

    assert.equal(await client.latencyReset("command"), 1);
    assert.deepEqual(await client.latencyHistory("command"), []);
    await assert.rejects(
      client.latencyGraph("command"),
      replyError(/No samples available/),
    );
    await client.configSet({ "latency-monitor-threshold": 0 });
  });

  it("client.latencyHistogram gives cumulative per-command histograms", async () => {
    const { client } = ctx;
    await client.configResetstat();
    await client.set("k:lat", "1");
    await client.set("k:lat", "2");
    const result = await client.latencyHistogram("set", "no-such-command");
    assert.deepEqual(Object.keys(result), ["set"]);
    const set = result.set!;
    assert.equal(set.calls, 2);
    const buckets = Object.keys(set.histogram).map(Number);
    assert.ok(
      buckets.every((bucket) => Number.isInteger(bucket) && bucket > 0),
    );
    const counts = Object.values(set.histogram);
    assert.ok(counts.every((count, i) => i === 0 || count >= counts[i - 1]!));
    assert.equal(counts.at(-1), 2);
  });

  it("client.latencyHistogram gives the same shape over RESP2 and RESP3", async () => {
    const result = await parity(ctx, async (client) => {
      await client.configResetstat();
      await client.set("k:lat", "1");
      const histogram = await client.latencyHistogram("set", "get");
      return {
        commands: Object.keys(histogram),
        calls: histogram.set?.calls,
        total: Object.values(histogram.set?.histogram ?? {}).at(-1),
        numeric: Object.keys(histogram.set?.histogram ?? {}).every((key) =>
          /^\d+$/.test(key)
        ),
      };
    });
    assert.deepEqual(result, {
      commands: ["set"],
      calls: 1,
      total: 1,
      numeric: true,
    });
  });

  it("client.memoryUsage estimates a key's size, null for a missing key", async () => {
    const { client } = ctx;
    await client.set("k:mem", "x".repeat(100));
    const usage = await client.memoryUsage("k:mem");
    assert.ok(usage !== null && usage > 100, String(usage));
    assert.equal(await client.memoryUsage("k:missing"), null);
    await client.sendCommand(["RPUSH", "k:memlist", "a", "b", "c"]);
    const sampled = await client.memoryUsage("k:memlist", { samples: 0 });
    assert.ok(sampled !== null && sampled > 0);
    await client.set(BINARY, "binary key");
    assert.ok(((await client.bytes.memoryUsage(BINARY)) ?? 0) > 0);
    await assert.rejects(
      client.memoryUsage("k:mem", { samples: -1 }),
      TypeError,
    );
  });

  it("client.memoryStats reports numbers with camel-cased names", async () => {
    const { client } = ctx;
    await client.set("k:stats", "1");
    const stats = await client.memoryStats();
    for (
      const name of [
        "peakAllocated",
        "totalAllocated",
        "startupAllocated",
        "overheadTotal",
        "keysCount",
        "keysBytesPerKey",
        "datasetBytes",
        "datasetPercentage",
        "peakPercentage",
        "allocatorFragmentationRatio",
        "rssOverheadBytes",
        "fragmentation",
      ] as const
    ) {
      assert.equal(typeof stats[name], "number", name);
      assert.ok(Number.isFinite(stats[name]), name);
    }
    assert.ok(stats.keysCount >= 1);
    assert.equal(typeof stats.databases["0"]?.overheadHashtableMain, "number");
    const resp2 = await ctx.resp2.bytes.memoryStats();
    assert.equal(typeof resp2.datasetPercentage, "number");
    assert.ok(Number.isFinite(resp2.datasetPercentage));
  });

  it("client.memoryStats gives the same fields over RESP2 and RESP3", async () => {
    const fields = await parity(ctx, async (client) => {
      const stats = await client.memoryStats();
      return Object.entries(stats).map(([name, value]) =>
        `${name}:${typeof value}`
      ).sort();
    });
    assert.ok(fields.includes("fragmentation:number"));
    assert.ok(fields.includes("databases:object"));
  });

  it("client.memoryDoctor, memoryMallocStats, memoryPurge and memoryHelp answer", async () => {
    const { client } = ctx;
    assert.ok((await client.memoryDoctor()).length > 0);
    assert.ok((await client.memoryMallocStats()).length > 0);
    assert.equal(await client.memoryPurge(), "OK");
    const help = await client.memoryHelp();
    assert.ok(help.some((line) => line.startsWith("USAGE")));
    assert.ok((await client.bytes.memoryDoctor()) instanceof Uint8Array);
  });

  it("client.slowlogGet returns logged commands with their arguments and client", async () => {
    const { client } = ctx;
    await client.configSet({ "slowlog-log-slower-than": 0 });
    assert.equal(await client.slowlogReset(), "OK");
    await client.sendCommand(["CLIENT", "SETNAME", "slow-test"]);
    await client.set("k:slow", BINARY);
    const entries = await client.slowlogGet(10);
    const entry = entries.find((e) => e.args[0] === "SET");
    assert.ok(entry !== undefined, JSON.stringify(entries));
    assert.equal(entry.args[1], "k:slow");
    assert.equal(entry.clientName, "slow-test");
    assert.match(entry.clientAddress, /^127\.0\.0\.1:\d+$/);
    assert.ok(entry.durationMicros >= 0);
    assert.ok(nearNow(entry.timestamp));
    const ids = entries.map((e) => e.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a));

    const raw = await client.bytes.slowlogGet(-1);
    const binary = raw.find((e) => text.decode(e.args[0]) === "SET");
    assert.deepEqual(binary?.args[2], BINARY);
    assert.deepEqual(binary?.clientName, utf8("slow-test"));

    assert.ok((await client.slowlogLen()) >= 2);
    await client.slowlogReset();
    // The reset itself is logged once it ran.
    assert.equal(await client.slowlogLen(), 1);
    assert.equal((await client.slowlogGet(1)).length, 1);
    assert.ok((await client.slowlogHelp()).length > 0);
    await client.configSet({ "slowlog-log-slower-than": 10000 });
    await assert.rejects(client.slowlogGet(-2), TypeError);
  });

  it("client.slowlogGet gives the same entries over RESP2 and RESP3", async () => {
    await ctx.client.configSet({ "slowlog-log-slower-than": 0 });
    const result = await parity(ctx, async (client) => {
      await client.slowlogReset();
      await client.set("k:parity", "v");
      const [entry] = await client.slowlogGet(1);
      return entry && { args: entry.args, name: entry.clientName };
    });
    assert.deepEqual(result, { args: ["SET", "k:parity", "v"], name: "" });
    await ctx.client.configSet({ "slowlog-log-slower-than": 10000 });
  });

  it("client.commandCount, commandList and commandHelp list the server's commands", async () => {
    const { client } = ctx;
    const count = await client.commandCount();
    assert.ok(count > 200);
    const all = await client.commandList();
    // The list names subcommands too ("config|get"); the count does not.
    assert.equal(all.filter((name) => !name.includes("|")).length, count);
    assert.ok(all.includes("config|get"));
    assert.ok(all.includes("get"));
    assert.deepEqual(
      (await client.commandList({ filterby: { pattern: "xa*" } })).sort(),
      ["xack", "xadd", "xautoclaim"],
    );
    const hll = await client.commandList({
      filterby: { aclcat: "hyperloglog" },
    });
    assert.ok(hll.includes("pfadd"));
    assert.deepEqual(
      await client.commandList({ filterby: { module: "no-such-module" } }),
      [],
    );
    await assert.rejects(
      // @ts-expect-error: one filter only
      client.commandList({ filterby: { module: "m", pattern: "x" } }),
      TypeError,
    );
    const help = await client.commandHelp();
    assert.ok(help.some((line) => line.startsWith("INFO")));
  });

  it("client.commandInfo describes commands with flags, categories and key specs", async () => {
    const { client } = ctx;
    const [get, missing] = await client.commandInfo("get", "no-such-command");
    assert.equal(missing, null);
    assert.deepEqual(get, {
      name: "get",
      arity: 2,
      flags: ["readonly", "fast"],
      firstKey: 1,
      lastKey: 1,
      step: 1,
      aclCategories: ["@read", "@string", "@fast"],
      tips: [],
      keySpecs: [{
        flags: ["RO", "access"],
        beginSearch: { type: "index", index: 1 },
        findKeys: { type: "range", lastKey: 0, keyStep: 1, limit: 0 },
      }],
      subcommands: [],
    });
    const [xread, zunion, config] = await client.commandInfo(
      "xread",
      "zunion",
      "config",
    );
    assert.deepEqual(xread?.keySpecs[0]?.beginSearch, {
      type: "keyword",
      keyword: "STREAMS",
      startFrom: 1,
    });
    assert.deepEqual(xread?.keySpecs[0]?.findKeys, {
      type: "range",
      lastKey: -1,
      keyStep: 1,
      limit: 2,
    });
    assert.deepEqual(zunion?.keySpecs[0]?.findKeys, {
      type: "keynum",
      keyNumIdx: 0,
      firstKey: 1,
      keyStep: 1,
    });
    const configGet = config?.subcommands.find((sub) =>
      sub.name === "config|get"
    );
    assert.equal(configGet?.arity, -3);
    assert.ok(configGet?.flags.includes("admin"));
    const configSet = config?.subcommands.find((sub) =>
      sub.name === "config|set"
    );
    assert.ok(configSet?.tips.includes("request_policy:all_nodes"));
    const set = (await client.commandInfo("set"))[0];
    assert.equal(set?.keySpecs[0]?.notes?.includes("GET"), true);
    assert.equal(
      (await client.commandInfo()).length,
      await client.commandCount(),
    );
  });

  it("client.commandInfo gives the same descriptions over RESP2 and RESP3", async () => {
    const result = await parity(
      ctx,
      (client) =>
        client.commandInfo("set", "config", "xread", "zunion", "nosuch"),
    );
    assert.equal(result.length, 5);
  });

  it("client.commandDocs returns summaries, history, arguments and subcommands", async () => {
    const { client } = ctx;
    const docs = await client.commandDocs("set", "slaveof", "config");
    assert.deepEqual(Object.keys(docs).sort(), ["config", "set", "slaveof"]);
    const set = docs.set!;
    assert.equal(set.since, "1.0.0");
    assert.equal(set.group, "string");
    assert.equal(set.complexity, "O(1)");
    assert.deepEqual(set.docFlags, []);
    assert.equal(set.history[0]?.version, "2.6.12");
    assert.match(set.history[0]?.description ?? "", /EX/);
    // Redis 7.2+ (and Valkey) document each argument's display text too.
    assert.deepEqual(set.arguments[0], {
      name: "key",
      type: "key",
      keySpecIndex: 0,
      flags: [],
      arguments: [],
      ...(serverHas({ redis: "7.2.0", valkey: "7.2.4" })
        ? { displayText: "key" }
        : {}),
    });
    const condition = set.arguments.find((arg) => arg.name === "condition");
    assert.equal(condition?.type, "oneof");
    assert.deepEqual(condition?.flags, ["optional"]);
    assert.deepEqual(condition?.arguments.map((arg) => arg.token), [
      "NX",
      "XX",
    ]);
    assert.deepEqual(docs.slaveof?.docFlags, ["deprecated"]);
    assert.equal(docs.slaveof?.deprecatedSince, "5.0.0");
    assert.equal(docs.slaveof?.replacedBy, "`REPLICAOF`");
    assert.equal(docs.config?.subcommands["config|get"]?.group, "server");
    assert.deepEqual(await client.commandDocs("no-such-command"), {});
  });

  it("client.commandDocs gives the same documentation over RESP2 and RESP3", async () => {
    const result = await parity(
      ctx,
      (client) =>
        client.commandDocs("set", "config", "slaveof", "xread", "georadius"),
    );
    assert.equal(Object.keys(result).length, 5);
  });

  it("client.commandGetkeys and client.commandGetkeysandflags find a command's keys", async () => {
    const { client } = ctx;
    assert.deepEqual(
      await client.commandGetkeys("MSET", "a", "1", "b", "2"),
      ["a", "b"],
    );
    assert.deepEqual(
      await client.commandGetkeysandflags(
        "LMOVE",
        "src",
        "dst",
        "LEFT",
        "RIGHT",
      ),
      [
        { key: "src", flags: ["RW", "access", "delete"] },
        { key: "dst", flags: ["RW", "insert"] },
      ],
    );
    await assert.rejects(
      client.commandGetkeys("PING", "hello"),
      replyError(/no key arguments/),
    );
    await assert.rejects(
      client.commandGetkeys("NO-SUCH-COMMAND", "x"),
      replyError(/Invalid command/),
    );
    assert.deepEqual(await client.bytes.commandGetkeys("SET", BINARY, "v"), [
      BINARY,
    ]);
    assert.deepEqual(
      await client.bytes.commandGetkeysandflags("SET", BINARY, "v"),
      [{ key: BINARY, flags: ["OW", "update"] }],
    );
  });

  it("client.commandGetkeysandflags gives the same result over RESP2 and RESP3", async () => {
    const result = await parity(
      ctx,
      (client) => client.commandGetkeysandflags("SET", "k1", "v", "GET"),
    );
    assert.deepEqual(result, [{
      key: "k1",
      flags: ["RW", "access", "update"],
    }]);
  });

  it("client.moduleList lists no modules and module loading errors surface as ReplyError", async () => {
    const { client } = ctx;
    assert.deepEqual(await client.moduleList(), []);
    const missing = path.join(ctx.server.dir, "no-such-module.so");
    await assert.rejects(
      client.moduleLoad(missing, "arg"),
      replyError(/Error loading the extension/),
    );
    await assert.rejects(
      client.moduleLoadex(missing, { configs: { "m.x": 1 }, args: ["a"] }),
      replyError(/Error loading the extension/),
    );
    await assert.rejects(
      client.moduleUnload("no-such-module"),
      replyError(/no such module/i),
    );
    await assert.rejects(client.moduleLoadex(missing, { args: [] }), TypeError);
    const help = await client.moduleHelp();
    assert.ok(help.some((line) => line.startsWith("LIST")));
  });

  it("client.lolwut draws art with the server version", async () => {
    const { client } = ctx;
    assert.match(await client.lolwut(), /Redis ver\./);
    assert.match(await client.lolwut({ version: 5 }), /Redis ver\./);
    const bytes = await client.bytes.lolwut({ version: 6 });
    assert.match(text.decode(bytes), /Redis ver\./);
    await assert.rejects(client.lolwut({ version: 1.5 }), TypeError);
  });
});

describe("server command option keys", () => {
  /** `options` typed loosely, to pass keys the option types reject. */
  const loose = (options: unknown): never => options as never;
  /** Asserts that `build` throws a `TypeError` whose message matches. */
  const rejects = (build: () => unknown, message: RegExp) =>
    assert.throws(
      build,
      (e) => e instanceof TypeError && message.test(e.message),
    );

  it("server commands reject unknown option keys with a TypeError naming the key", () => {
    // FLUSHALL and FLUSHDB share a builder; each names itself.
    rejects(
      () => commands.flushall.build(loose({ ASYNC: true })),
      /^Unknown FLUSHALL option "ASYNC": did you mean "async"\?$/,
    );
    rejects(
      () => commands.flushdb.build(loose({ Sync: true })),
      /^Unknown FLUSHDB option "Sync": did you mean "sync"\?$/,
    );
    assert.deepEqual(commands.flushall.build({ sync: true }), [
      "FLUSHALL",
      "SYNC",
    ]);
    assert.deepEqual(commands.flushdb.build({ async: true }), [
      "FLUSHDB",
      "ASYNC",
    ]);
    // BGSAVE.
    rejects(
      () => commands.bgsave.build(loose({ SCHEDULE: true })),
      /^Unknown BGSAVE option "SCHEDULE": did you mean "schedule"\?$/,
    );
    assert.deepEqual(commands.bgsave.build({ schedule: true }), [
      "BGSAVE",
      "SCHEDULE",
    ]);
    assert.deepEqual(commands.bgsave.build({}), ["BGSAVE"]);
    // SHUTDOWN.
    rejects(
      () => commands.shutdown.build(loose({ noSave: true })),
      /^Unknown SHUTDOWN option "noSave": did you mean "nosave"\?$/,
    );
    rejects(
      () => commands.shutdown.build(loose({ abrt: true })),
      /^Unknown SHUTDOWN option "abrt": did you mean "abort"\?$/,
    );
    assert.deepEqual(
      commands.shutdown.build({ nosave: true, now: true, force: true }),
      ["SHUTDOWN", "NOSAVE", "NOW", "FORCE"],
    );
    assert.deepEqual(commands.shutdown.build({ abort: true }), [
      "SHUTDOWN",
      "ABORT",
    ]);
    // FAILOVER, and its nested target.
    rejects(
      () => commands.failover.build(loose({ TIMEOUT: 5 })),
      /^Unknown FAILOVER option "TIMEOUT": did you mean "timeout"\?$/,
    );
    rejects(
      () => commands.failover.build(loose({ to: { host: "h", Port: 6380 } })),
      /^Unknown FAILOVER to option "Port": did you mean "port"\?$/,
    );
    assert.deepEqual(
      commands.failover.build({
        to: { host: "h", port: 6380, force: true },
        timeout: 5000,
      }),
      ["FAILOVER", "TO", "h", 6380, "FORCE", "TIMEOUT", 5000],
    );
    // COMMAND LIST, and its nested filterby.
    rejects(
      () => commands.commandList.build(loose({ FILTERBY: { pattern: "x*" } })),
      /^Unknown COMMAND LIST option "FILTERBY": did you mean "filterby"\?$/,
    );
    rejects(
      () => commands.commandList.build(loose({ filterby: { ACLCAT: "list" } })),
      /^Unknown COMMAND LIST filterby option "ACLCAT": did you mean "aclcat"\?$/,
    );
    assert.deepEqual(
      commands.commandList.build({ filterby: { pattern: "x*" } }),
      ["COMMAND", "LIST", "FILTERBY", "PATTERN", "x*"],
    );
    // MEMORY USAGE.
    rejects(
      () => commands.memoryUsage.build("k", loose({ SAMPLES: 0 })),
      /^Unknown MEMORY USAGE option "SAMPLES": did you mean "samples"\?$/,
    );
    assert.deepEqual(commands.memoryUsage.build("k", { samples: 0 }), [
      "MEMORY",
      "USAGE",
      "k",
      "SAMPLES",
      0,
    ]);
    // MODULE LOADEX: its own keys are checked, the config names are not.
    rejects(
      () => commands.moduleLoadex.build("/m.so", loose({ config: {} })),
      /^Unknown MODULE LOADEX option "config": did you mean "configs"\?$/,
    );
    assert.deepEqual(
      commands.moduleLoadex.build("/m.so", {
        configs: { "m.size": 10, "M.Other": "x" },
        args: ["a"],
      }),
      [
        "MODULE",
        "LOADEX",
        "/m.so",
        "CONFIG",
        "m.size",
        10,
        "CONFIG",
        "M.Other",
        "x",
        "ARGS",
        "a",
      ],
    );
    // LOLWUT.
    rejects(
      () => commands.lolwut.build(loose({ VERSION: 5 })),
      /^Unknown LOLWUT option "VERSION": did you mean "version"\?$/,
    );
    assert.deepEqual(commands.lolwut.build({ version: 5 }), [
      "LOLWUT",
      "VERSION",
      5,
    ]);
    // CONFIG SET takes arbitrary parameter names.
    assert.deepEqual(commands.configSet.build({ "Any-Name": 1, EX: "x" }), [
      "CONFIG",
      "SET",
      "Any-Name",
      1,
      "EX",
      "x",
    ]);
  });
});
