import assert from "node:assert/strict";
import {
  connect,
  ConnectionClosedError,
  type RedisClient,
  ReplyError,
} from "../../mod.ts";
import { serverBuild, serverHas } from "../_process.ts";
import { startServer } from "../_server.ts";
import { until } from "../_support.ts";
import { testNewer } from "./_recorded.ts";

/** Whether `error` is a `ReplyError` whose message matches `pattern`. */
function replyError(pattern: RegExp): (error: unknown) => boolean {
  return (error) => error instanceof ReplyError && pattern.test(error.message);
}

/** Runs `body` against a private server started with `args`, then stops it. */
async function withServer(
  args: string[],
  body: (client: RedisClient, port: number) => Promise<void>,
): Promise<void> {
  const server = await startServer({ args });
  try {
    const client = await connect({ port: server.port, reconnect: false });
    try {
      await body(client, server.port);
    } finally {
      client.disconnect();
    }
  } finally {
    await server.stop();
  }
}

const isValkey = serverBuild().name === "valkey";

/** A HELP reply of three status lines, in the servers' format. */
function help(container: string): string {
  return `*3\r\n+${container} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n+HELP\r\n+    Print this help.\r\n`;
}

const HELP_LINES = (container: string) => [
  `${container} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:`,
  "HELP",
  "    Print this help.",
];

/** Stops and frees a HOTKEYS session a test may have left (Redis). */
async function clearHotkeys(client: RedisClient): Promise<void> {
  await client.hotkeysStop();
  await client.hotkeysReset();
}

testNewer("server", [
  {
    method: "bgsave",
    recordedFrom:
      "valkey 8.0.1 (which refuses CANCEL) and the Valkey 8.1 command reference",
    exchanges: [
      {
        params: [{ cancel: true }],
        argv: ["BGSAVE", "CANCEL"],
        resp3: "+Background saving cancelled\r\n",
        result: "Background saving cancelled",
      },
      {
        params: [{ cancel: true }],
        argv: ["BGSAVE", "CANCEL"],
        resp3: "+Scheduled background saving cancelled\r\n",
        result: "Scheduled background saving cancelled",
      },
      {
        params: [{ cancel: true }],
        argv: ["BGSAVE", "CANCEL"],
        resp3: "-ERR syntax error\r\n",
        error: /^ERR syntax error/,
      },
    ],
    live: async ({ client }) => {
      if (!serverHas({ valkey: "8.1.0" })) {
        await assert.rejects(
          client.bgsave({ cancel: true }),
          replyError(/syntax error/),
        );
        return;
      }
      // A slow child (one second per key) is still saving when cancelled.
      await withServer(["--rdb-key-save-delay", "1000000"], async (c) => {
        await c.set("k:slow", "1");
        assert.equal(await c.bgsave(), "Background saving started");
        assert.equal(
          await c.bgsave({ cancel: true }),
          "Background saving cancelled",
        );
      });
    },
  },
  {
    method: "shutdown",
    recordedFrom: "redis 7.4.1 (which refuses SAFE)",
    exchanges: [
      {
        params: [{ safe: true }],
        argv: ["SHUTDOWN", "SAFE"],
        resp3: "-ERR syntax error\r\n",
        error: /^ERR syntax error/,
      },
    ],
    live: async ({ client }) => {
      if (!serverHas({ valkey: "9.0.0" })) {
        await assert.rejects(
          client.shutdown({ safe: true, nosave: true }),
          replyError(/syntax error/),
        );
        assert.equal(await client.ping(), "PONG");
        return;
      }
      await withServer([], async (c) => {
        // FAILOVER needs cluster mode; a standalone server refuses it.
        await assert.rejects(c.shutdown({ failover: true }), ReplyError);
        // A primary without replicas is safe to stop.
        await assert.rejects(
          c.shutdown({ safe: true, nosave: true }),
          ConnectionClosedError,
        );
      });
    },
  },
  {
    method: "latencyLatest",
    recordedFrom:
      "valkey 8.0.1 (four fields) and the Valkey 8.1 command reference (six)",
    exchanges: [
      {
        params: [],
        argv: ["LATENCY", "LATEST"],
        resp3: "*1\r\n*4\r\n$7\r\ncommand\r\n:1796480117\r\n:10\r\n:10\r\n",
        result: [{
          event: "command",
          timestamp: 1796480117,
          latestMillis: 10,
          maxMillis: 10,
        }],
      },
      {
        params: [],
        argv: ["LATENCY", "LATEST"],
        resp3:
          "*1\r\n*6\r\n$7\r\ncommand\r\n:1796480117\r\n:10\r\n:25\r\n:40\r\n:3\r\n",
        result: [{
          event: "command",
          timestamp: 1796480117,
          latestMillis: 10,
          maxMillis: 25,
          sumMillis: 40,
          count: 3,
        }],
      },
    ],
    live: async () => {
      const args = [
        "--enable-debug-command",
        "yes",
        "--latency-monitor-threshold",
        "5",
      ];
      await withServer(args, async (c) => {
        await c.debug("SLEEP", 0.02);
        const event = (await c.latencyLatest()).find((e) =>
          e.event === "command"
        );
        assert.ok(event !== undefined);
        assert.ok(event.latestMillis >= 20, String(event.latestMillis));
        if (serverHas({ valkey: "8.1.0" })) {
          assert.ok((event.sumMillis ?? 0) >= event.latestMillis);
          assert.ok((event.count ?? 0) >= 1);
        } else {
          assert.ok(!("sumMillis" in event) && !("count" in event));
        }
      });
    },
  },
  {
    method: "commandlogGet",
    recordedFrom: "the Valkey 8.1 command reference",
    exchanges: [
      {
        params: [10, "slow"],
        argv: ["COMMANDLOG", "GET", 10, "slow"],
        resp3:
          "*1\r\n*6\r\n:3\r\n:1700000000\r\n:12000\r\n*2\r\n$4\r\nKEYS\r\n$1\r\n*\r\n$15\r\n127.0.0.1:51234\r\n$0\r\n\r\n",
        result: [{
          id: 3,
          timestamp: 1700000000,
          value: 12000,
          args: ["KEYS", "*"],
          clientAddress: "127.0.0.1:51234",
          clientName: "",
        }],
      },
      {
        params: [-1, "large-reply"],
        argv: ["COMMANDLOG", "GET", -1, "large-reply"],
        resp3:
          "*2\r\n*6\r\n:9\r\n:1700000100\r\n:2097152\r\n*2\r\n$3\r\nGET\r\n$3\r\nbig\r\n$15\r\n127.0.0.1:51234\r\n$8\r\nreporter\r\n*6\r\n:8\r\n:1700000050\r\n:1048600\r\n*2\r\n$7\r\nHGETALL\r\n$1\r\nh\r\n$15\r\n127.0.0.1:51240\r\n$0\r\n\r\n",
        result: [{
          id: 9,
          timestamp: 1700000100,
          value: 2097152,
          args: ["GET", "big"],
          clientAddress: "127.0.0.1:51234",
          clientName: "reporter",
        }, {
          id: 8,
          timestamp: 1700000050,
          value: 1048600,
          args: ["HGETALL", "h"],
          clientAddress: "127.0.0.1:51240",
          clientName: "",
        }],
      },
      {
        params: [5, "large-request"],
        argv: ["COMMANDLOG", "GET", 5, "large-request"],
        resp3: "*0\r\n",
        result: [],
      },
    ],
    live: async ({ client }) => {
      await client.configSet({ "commandlog-reply-larger-than": 100 });
      try {
        await client.commandlogReset("large-reply");
        await client.set("k:big", "x".repeat(1000));
        await client.get("k:big");
        const entries = await client.commandlogGet(-1, "large-reply");
        const entry = entries.find((e) => e.args[0] === "GET");
        assert.ok(entry !== undefined, JSON.stringify(entries));
        assert.equal(entry.args[1], "k:big");
        assert.ok(entry.value >= 1000, String(entry.value));
        assert.match(entry.clientAddress, /^127\.0\.0\.1:\d+$/);
        assert.deepEqual(await client.commandlogGet(10, "large-request"), []);
      } finally {
        await client.configSet({ "commandlog-reply-larger-than": 1048576 });
      }
    },
  },
  {
    method: "commandlogHelp",
    recordedFrom: "the Valkey 8.1 command reference",
    exchanges: [{
      params: [],
      argv: ["COMMANDLOG", "HELP"],
      resp3: help("COMMANDLOG"),
      result: HELP_LINES("COMMANDLOG"),
    }],
    live: async ({ client }) => {
      const lines = await client.commandlogHelp();
      assert.ok(lines.some((line) => line.startsWith("GET")));
      assert.ok(lines.some((line) => line.startsWith("RESET")));
    },
  },
  {
    method: "commandlogLen",
    recordedFrom: "the Valkey 8.1 command reference",
    exchanges: [{
      params: ["slow"],
      argv: ["COMMANDLOG", "LEN", "slow"],
      resp3: ":3\r\n",
      result: 3,
    }],
    live: async ({ client }) => {
      await client.configSet({ "commandlog-request-larger-than": 100 });
      try {
        await client.commandlogReset("large-request");
        assert.equal(await client.commandlogLen("large-request"), 0);
        await client.set("k:request", "x".repeat(1000));
        assert.equal(await client.commandlogLen("large-request"), 1);
      } finally {
        await client.configSet({ "commandlog-request-larger-than": 1048576 });
      }
    },
  },
  {
    method: "commandlogReset",
    recordedFrom: "the Valkey 8.1 command reference",
    exchanges: [{
      params: ["large-request"],
      argv: ["COMMANDLOG", "RESET", "large-request"],
      resp3: "+OK\r\n",
      result: "OK",
    }],
    live: async ({ client }) => {
      await client.configSet({ "commandlog-request-larger-than": 100 });
      try {
        await client.set("k:request", "x".repeat(1000));
        assert.ok((await client.commandlogLen("large-request")) >= 1);
        assert.equal(await client.commandlogReset("large-request"), "OK");
        assert.equal(await client.commandlogLen("large-request"), 0);
      } finally {
        await client.configSet({ "commandlog-request-larger-than": 1048576 });
      }
    },
  },
  {
    method: "hotkeysGet",
    recordedFrom:
      "the Redis 8.6 HOTKEYS reference and source (a session, or null) and the Valkey 9.2 command reference (hottest keys)",
    exchanges: [
      {
        params: [],
        argv: ["HOTKEYS", "GET"],
        resp3:
          "*1\r\n%10\r\n$15\r\ntracking-active\r\n:1\r\n$12\r\nsample-ratio\r\n:1\r\n$14\r\nselected-slots\r\n*1\r\n*2\r\n:0\r\n:16383\r\n$25\r\nall-commands-all-slots-us\r\n:220\r\n$32\r\nnet-bytes-all-commands-all-slots\r\n:200\r\n$29\r\ncollection-start-time-unix-ms\r\n:1769420604522\r\n$22\r\ncollection-duration-ms\r\n:6408\r\n$22\r\ntotal-cpu-time-user-ms\r\n:3\r\n$21\r\ntotal-cpu-time-sys-ms\r\n:11\r\n$14\r\nby-cpu-time-us\r\n*6\r\n$1\r\nx\r\n:104\r\n$1\r\ny\r\n:98\r\n$1\r\nz\r\n:18\r\n",
        resp2:
          "*1\r\n*20\r\n$15\r\ntracking-active\r\n:1\r\n$12\r\nsample-ratio\r\n:1\r\n$14\r\nselected-slots\r\n*1\r\n*2\r\n:0\r\n:16383\r\n$25\r\nall-commands-all-slots-us\r\n:220\r\n$32\r\nnet-bytes-all-commands-all-slots\r\n:200\r\n$29\r\ncollection-start-time-unix-ms\r\n:1769420604522\r\n$22\r\ncollection-duration-ms\r\n:6408\r\n$22\r\ntotal-cpu-time-user-ms\r\n:3\r\n$21\r\ntotal-cpu-time-sys-ms\r\n:11\r\n$14\r\nby-cpu-time-us\r\n*6\r\n$1\r\nx\r\n:104\r\n$1\r\ny\r\n:98\r\n$1\r\nz\r\n:18\r\n",
        result: {
          trackingActive: true,
          sampleRatio: 1,
          selectedSlots: [[0, 16383]],
          allCommandsAllSlotsUs: 220,
          netBytesAllCommandsAllSlots: 200,
          collectionStartTimeUnixMs: 1769420604522,
          collectionDurationMs: 6408,
          totalCpuTimeUserMs: 3,
          totalCpuTimeSysMs: 11,
          byCpuTimeUs: [
            { key: "x", value: 104 },
            { key: "y", value: 98 },
            { key: "z", value: 18 },
          ],
        },
      },
      {
        // A stopped session on a cluster node, sampled, in chosen slots.
        params: [],
        argv: ["HOTKEYS", "GET"],
        resp3:
          "*1\r\n%13\r\n$15\r\ntracking-active\r\n:0\r\n$12\r\nsample-ratio\r\n:10\r\n$14\r\nselected-slots\r\n*2\r\n*1\r\n:5\r\n*2\r\n:10\r\n:20\r\n$34\r\nsampled-commands-selected-slots-us\r\n:50\r\n$30\r\nall-commands-selected-slots-us\r\n:400\r\n$25\r\nall-commands-all-slots-us\r\n:900\r\n$41\r\nnet-bytes-sampled-commands-selected-slots\r\n:30\r\n$37\r\nnet-bytes-all-commands-selected-slots\r\n:300\r\n$32\r\nnet-bytes-all-commands-all-slots\r\n:700\r\n$29\r\ncollection-start-time-unix-ms\r\n:1769420604522\r\n$22\r\ncollection-duration-ms\r\n:60000\r\n$15\r\ntotal-net-bytes\r\n:700\r\n$12\r\nby-net-bytes\r\n*2\r\n$6\r\nuser:7\r\n:120\r\n",
        resp2:
          "*1\r\n*26\r\n$15\r\ntracking-active\r\n:0\r\n$12\r\nsample-ratio\r\n:10\r\n$14\r\nselected-slots\r\n*2\r\n*1\r\n:5\r\n*2\r\n:10\r\n:20\r\n$34\r\nsampled-commands-selected-slots-us\r\n:50\r\n$30\r\nall-commands-selected-slots-us\r\n:400\r\n$25\r\nall-commands-all-slots-us\r\n:900\r\n$41\r\nnet-bytes-sampled-commands-selected-slots\r\n:30\r\n$37\r\nnet-bytes-all-commands-selected-slots\r\n:300\r\n$32\r\nnet-bytes-all-commands-all-slots\r\n:700\r\n$29\r\ncollection-start-time-unix-ms\r\n:1769420604522\r\n$22\r\ncollection-duration-ms\r\n:60000\r\n$15\r\ntotal-net-bytes\r\n:700\r\n$12\r\nby-net-bytes\r\n*2\r\n$6\r\nuser:7\r\n:120\r\n",
        result: {
          trackingActive: false,
          sampleRatio: 10,
          selectedSlots: [[5, 5], [10, 20]],
          sampledCommandsSelectedSlotsUs: 50,
          allCommandsSelectedSlotsUs: 400,
          allCommandsAllSlotsUs: 900,
          netBytesSampledCommandsSelectedSlots: 30,
          netBytesAllCommandsSelectedSlots: 300,
          netBytesAllCommandsAllSlots: 700,
          collectionStartTimeUnixMs: 1769420604522,
          collectionDurationMs: 60000,
          totalNetBytes: 700,
          byNetBytes: [{ key: "user:7", value: 120 }],
        },
      },
      {
        // Redis: no session (never started, or reset).
        params: [],
        argv: ["HOTKEYS", "GET"],
        resp3: "_\r\n",
        resp2: "$-1\r\n",
        result: null,
      },
      {
        // Valkey: the hottest keys of the last window.
        params: [],
        argv: ["HOTKEYS", "GET"],
        resp3:
          "*2\r\n%3\r\n$3\r\nkey\r\n$6\r\nuser:1\r\n$2\r\ndb\r\n:0\r\n$3\r\nqps\r\n:1200\r\n%3\r\n$3\r\nkey\r\n$6\r\nuser:2\r\n$2\r\ndb\r\n:3\r\n$3\r\nqps\r\n:40\r\n",
        resp2:
          "*2\r\n*6\r\n$3\r\nkey\r\n$6\r\nuser:1\r\n$2\r\ndb\r\n:0\r\n$3\r\nqps\r\n:1200\r\n*6\r\n$3\r\nkey\r\n$6\r\nuser:2\r\n$2\r\ndb\r\n:3\r\n$3\r\nqps\r\n:40\r\n",
        result: [
          { key: "user:1", db: 0, qps: 1200 },
          { key: "user:2", db: 3, qps: 40 },
        ],
      },
      {
        // Valkey: tracking off, or nothing tracked in the last window.
        params: [],
        argv: ["HOTKEYS", "GET"],
        resp3: "*0\r\n",
        result: [],
      },
    ],
    live: async ({ client }) => {
      if (isValkey) {
        // Tracking is off unless hotkeys-top-k is set: nothing to report.
        assert.deepEqual(await client.hotkeysGet(), []);
        return;
      }
      await clearHotkeys(client);
      assert.equal(await client.hotkeysGet(), null);
      assert.equal(await client.hotkeysStart({ cpu: true, net: true }), "OK");
      try {
        for (let i = 0; i < 20; i++) await client.set("k:hot", String(i));
        const report = await client.hotkeysGet();
        assert.ok(report !== null && !Array.isArray(report));
        assert.equal(report.trackingActive, true);
        assert.equal(report.sampleRatio, 1);
        // CPU time per key may round down to nothing; bytes do not.
        assert.ok(Array.isArray(report.byCpuTimeUs));
        assert.ok(report.byNetBytes?.some((e) => e.key === "k:hot"));
        assert.equal(typeof report.totalNetBytes, "number");
      } finally {
        await clearHotkeys(client);
      }
    },
  },
  {
    method: "hotkeysHelp",
    recordedFrom: "the Redis 8.6 and Valkey 9.2 command reference",
    exchanges: [{
      params: [],
      argv: ["HOTKEYS", "HELP"],
      resp3: help("HOTKEYS"),
      result: HELP_LINES("HOTKEYS"),
    }],
    live: async ({ client }) => {
      const lines = await client.hotkeysHelp();
      assert.ok(lines.some((line) => line.startsWith("GET")));
    },
  },
  {
    method: "hotkeysReset",
    recordedFrom: "the Redis 8.6 HOTKEYS reference and source",
    exchanges: [
      {
        params: [],
        argv: ["HOTKEYS", "RESET"],
        resp3: "+OK\r\n",
        result: "OK",
      },
      {
        params: [],
        argv: ["HOTKEYS", "RESET"],
        resp3:
          "-ERR hotkey tracking session in progress, stop tracking first\r\n",
        error: /^ERR hotkey tracking session in progress/,
      },
    ],
    live: async ({ client }) => {
      await clearHotkeys(client);
      await client.hotkeysStart({ net: true });
      try {
        await assert.rejects(client.hotkeysReset(), ReplyError);
        assert.equal(await client.hotkeysStop(), "OK");
        assert.equal(await client.hotkeysReset(), "OK");
        assert.equal(await client.hotkeysGet(), null);
      } finally {
        await clearHotkeys(client);
      }
    },
  },
  {
    method: "hotkeysStart",
    recordedFrom: "the Redis 8.6 HOTKEYS reference and source",
    exchanges: [
      {
        params: [{ cpu: true, net: true, count: 20, duration: 60 }],
        argv: [
          "HOTKEYS",
          "START",
          "METRICS",
          2,
          "CPU",
          "NET",
          "COUNT",
          20,
          "DURATION",
          60,
        ],
        resp3: "+OK\r\n",
        result: "OK",
      },
      {
        params: [{ cpu: true }],
        argv: ["HOTKEYS", "START", "METRICS", 1, "CPU"],
        resp3: "-ERR hotkey tracking session already in progress\r\n",
        error: /^ERR hotkey tracking session already in progress/,
      },
    ],
    live: async ({ client }) => {
      await clearHotkeys(client);
      try {
        assert.equal(
          await client.hotkeysStart({ cpu: true, count: 5, sample: 1 }),
          "OK",
        );
        await assert.rejects(client.hotkeysStart({ net: true }), ReplyError);
        // SLOTS needs cluster mode.
        await client.hotkeysStop();
        await client.hotkeysReset();
        await assert.rejects(
          client.hotkeysStart({ cpu: true, slots: [0] }),
          ReplyError,
        );
      } finally {
        await clearHotkeys(client);
      }
    },
  },
  {
    method: "hotkeysStop",
    recordedFrom: "the Redis 8.6 HOTKEYS reference and source",
    exchanges: [
      {
        params: [],
        argv: ["HOTKEYS", "STOP"],
        resp3: "+OK\r\n",
        result: "OK",
      },
      {
        params: [],
        argv: ["HOTKEYS", "STOP"],
        resp3: "_\r\n",
        resp2: "$-1\r\n",
        result: null,
      },
    ],
    live: async ({ client }) => {
      await clearHotkeys(client);
      assert.equal(await client.hotkeysStop(), null);
      await client.hotkeysStart({ cpu: true });
      try {
        assert.equal(await client.hotkeysStop(), "OK");
        const report = await client.hotkeysGet();
        assert.ok(report !== null && !Array.isArray(report));
        assert.equal(report.trackingActive, false);
      } finally {
        await clearHotkeys(client);
      }
    },
  },
  {
    method: "backupAbort",
    recordedFrom: "the Redis 8.10 command reference",
    exchanges: [{
      params: [],
      argv: ["BACKUP", "ABORT"],
      resp3: "+OK\r\n",
      result: "OK",
    }],
    live: async () => {
      await withServer([], async (c) => {
        assert.equal(await c.backupStart(), "OK");
        assert.equal(await c.backupAbort(), "OK");
        assert.equal((await c.backupStatus()).state, "failed");
        // Nothing left to abort.
        await assert.rejects(c.backupAbort(), ReplyError);
      });
    },
  },
  {
    method: "backupCleanup",
    recordedFrom: "the Redis 8.10 command reference",
    exchanges: [{
      params: [],
      argv: ["BACKUP", "CLEANUP"],
      resp3: "+OK\r\n",
      result: "OK",
    }],
    live: async () => {
      // Only a sealed backup can be cleaned up (see backupList for one).
      await withServer([], async (c) => {
        await assert.rejects(c.backupCleanup(), ReplyError);
      });
    },
  },
  {
    method: "backupHelp",
    recordedFrom: "the Redis 8.10 command reference",
    exchanges: [{
      params: [],
      argv: ["BACKUP", "HELP"],
      resp3: help("BACKUP"),
      result: HELP_LINES("BACKUP"),
    }],
    live: async ({ client }) => {
      const lines = await client.backupHelp();
      assert.ok(lines.some((line) => line.startsWith("START")));
    },
  },
  {
    method: "backupList",
    recordedFrom: "the Redis 8.10 command reference",
    exchanges: [
      {
        params: [],
        argv: ["BACKUP", "LIST"],
        resp3:
          "*1\r\n$50\r\n/var/lib/redis/backupdir/appendonly.aof.3.base.rdb\r\n",
        result: ["/var/lib/redis/backupdir/appendonly.aof.3.base.rdb"],
      },
      {
        params: [],
        argv: ["BACKUP", "LIST"],
        resp3:
          "*3\r\n$50\r\n/var/lib/redis/backupdir/appendonly.aof.3.base.rdb\r\n$50\r\n/var/lib/redis/backupdir/appendonly.aof.3.incr.aof\r\n$48\r\n/var/lib/redis/backupdir/appendonly.aof.manifest\r\n",
        result: [
          "/var/lib/redis/backupdir/appendonly.aof.3.base.rdb",
          "/var/lib/redis/backupdir/appendonly.aof.3.incr.aof",
          "/var/lib/redis/backupdir/appendonly.aof.manifest",
        ],
      },
    ],
    live: async () => {
      // The whole workflow, on a server of its own: start, seal, list,
      // clean up.
      await withServer([], async (c) => {
        await c.set("k:backup", "1");
        assert.equal(await c.backupStart(), "OK");
        await until(
          async () => (await c.backupStatus()).state === "incrementing",
          "the backup to collect writes",
        );
        const base = await c.backupList();
        assert.equal(base.length, 1);
        assert.equal(await c.backupSeal(), "OK");
        assert.equal((await c.backupStatus()).state, "sealed");
        const files = await c.backupList();
        assert.equal(files.length, 3);
        assert.ok(files.every((file) => file.startsWith("/")));
        assert.equal(await c.backupCleanup(), "OK");
        assert.equal((await c.backupStatus()).state, "idle");
      });
    },
  },
  {
    method: "backupSeal",
    recordedFrom: "the Redis 8.10 command reference",
    exchanges: [{
      params: [],
      argv: ["BACKUP", "SEAL"],
      resp3: "+OK\r\n",
      result: "OK",
    }],
    live: async () => {
      // Nothing to seal without a backup (see backupList for one).
      await withServer([], async (c) => {
        await assert.rejects(c.backupSeal(), ReplyError);
      });
    },
  },
  {
    method: "backupStart",
    recordedFrom: "the Redis 8.10 command reference",
    exchanges: [{
      params: [],
      argv: ["BACKUP", "START"],
      resp3: "+OK\r\n",
      result: "OK",
    }],
    live: async () => {
      await withServer([], async (c) => {
        assert.equal(await c.backupStart(), "OK");
        assert.ok(
          ["pending", "snapshotting", "incrementing"].includes(
            (await c.backupStatus()).state,
          ),
        );
        // Only one backup at a time.
        await assert.rejects(c.backupStart(), ReplyError);
        assert.equal(await c.backupAbort(), "OK");
      });
    },
  },
  {
    method: "backupStatus",
    recordedFrom: "the Redis 8.10 command reference",
    exchanges: [
      {
        params: [],
        argv: ["BACKUP", "STATUS"],
        resp3:
          "%4\r\n$5\r\nstate\r\n$12\r\nincrementing\r\n$5\r\nerror\r\n$0\r\n\r\n$10\r\nstart_time\r\n$10\r\n1717921800\r\n$8\r\nend_time\r\n$1\r\n0\r\n",
        resp2:
          "*8\r\n$5\r\nstate\r\n$12\r\nincrementing\r\n$5\r\nerror\r\n$0\r\n\r\n$10\r\nstart_time\r\n$10\r\n1717921800\r\n$8\r\nend_time\r\n$1\r\n0\r\n",
        result: {
          state: "incrementing",
          error: "",
          startTime: 1717921800,
          endTime: 0,
        },
      },
    ],
    live: async () => {
      await withServer([], async (c) => {
        assert.deepEqual(await c.backupStatus(), {
          state: "idle",
          error: "",
          startTime: 0,
          endTime: 0,
        });
      });
    },
  },
]);
