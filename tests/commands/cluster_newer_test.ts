import assert from "node:assert/strict";
import { until } from "../_support.ts";
import { connect, type RedisClient, ReplyError } from "../../mod.ts";
import { serverBuild } from "../_process.ts";
import { startServer } from "../_server.ts";
import { testNewer } from "./_recorded.ts";

/** A one-node cluster: cluster mode on, every slot assigned to the node. */
const CLUSTER_ARGS = [
  "--cluster-enabled",
  "yes",
  "--cluster-config-file",
  "nodes.conf",
];

/**
 * Runs `run` against a private one-node cluster (every slot assigned, the
 * cluster state ok) with a RESP3 and a RESP2 client, then stops it.
 */
async function withClusterNode(
  run: (client: RedisClient, resp2: RedisClient) => Promise<void>,
): Promise<void> {
  const server = await startServer({ args: CLUSTER_ARGS });
  const client = await connect({ port: server.port, protocol: 3 });
  const resp2 = await connect({ port: server.port, protocol: 2 });
  try {
    await client.clusterAddslotsrange([{ start: 0, end: 16383 }]);
    // The state turns ok in the node's event loop: wait for it.
    await until(
      async () => (await client.clusterInfo()).cluster_state === "ok",
      "the one-node cluster to be ok",
      20_000,
    );
    await run(client, resp2);
  } finally {
    client.disconnect();
    resp2.disconnect();
    await server.stop();
  }
}

/** Asserts that `promise` rejects with a `ReplyError` matching `message`. */
async function rejectsWith(
  promise: Promise<unknown>,
  message: RegExp,
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ReplyError, `not a ReplyError: ${error}`);
    assert.match(error.message, message);
    return true;
  });
}

/** A standalone server refuses the CLUSTER subcommands. */
const DISABLED = /cluster support disabled/;

/** RESP encoders for replies written from the command references. */
const bulk = (text: string) =>
  `$${new TextEncoder().encode(text).length}\r\n${text}\r\n`;
const int = (value: number) => `:${value}\r\n`;
/** A map: `%n` over RESP3, a flat array over RESP2. */
const map = (protocol: 2 | 3, fields: [string, string][]) =>
  (protocol === 3 ? `%${fields.length}\r\n` : `*${fields.length * 2}\r\n`) +
  fields.map(([key, value]) => bulk(key) + value).join("");

const NODE_A = "5371b28997de6fd0bbe813ad8ebdfdf2faadb308";
const NODE_B = "4b4f12fdfb58d5e30fef7b9ad3f1651dacbbaba9";
const NODE_C = "93941e777e17fcbc92d4398cc957ffea888f472b";
const TASK = "24cf41718b20f7f05901743dffc40bc9b15db339";

/** A CLUSTER MIGRATION STATUS task, as the Redis 8.4 reference has it. */
const migrationTask = (protocol: 2 | 3) =>
  map(protocol, [
    ["id", bulk(TASK)],
    ["slots", bulk("0-1000")],
    ["source", bulk(NODE_A)],
    ["dest", bulk(NODE_B)],
    ["operation", bulk("import")],
    ["state", bulk("completed")],
    ["last_error", bulk("")],
    ["retries", int(0)],
    ["create_time", int(1790405105443)],
    ["start_time", int(1790405105443)],
    ["end_time", int(1790405105445)],
    ["write_pause_ms", int(2)],
  ]);

/** A CLUSTER GETSLOTMIGRATIONS job, as the Valkey 9.0 reference has it. */
const migrationJob = (protocol: 2 | 3) =>
  map(protocol, [
    ["name", bulk(NODE_A)],
    ["operation", bulk("EXPORT")],
    ["slot_ranges", bulk("0-10 20-29")],
    ["target_node", bulk(NODE_B)],
    ["source_node", bulk(NODE_C)],
    ["create_time", int(1754870400)],
    ["last_update_time", int(1754870401)],
    ["last_ack_time", int(1754870402)],
    ["state", bulk("success")],
    ["message", bulk("")],
    ["cow_size", int(0)],
  ]);

/** Whether the test server is a Valkey of at least `version`. */
function valkeyAtLeast(major: number, minor: number): boolean {
  const { name, version } = serverBuild();
  const [a = 0, b = 0] = version.split(".").map(Number);
  return name === "valkey" && (a > major || (a === major && b >= minor));
}

testNewer("cluster", [
  {
    method: "clusterMyshardid",
    recordedFrom: "redis 7.4.1 (cluster mode, and standalone for the error)",
    exchanges: [
      {
        params: [],
        argv: ["CLUSTER", "MYSHARDID"],
        resp3: "$40\r\nd7cc422780a9d8f7a4185ee4791bca6b82b978b3\r\n",
        result: "d7cc422780a9d8f7a4185ee4791bca6b82b978b3",
      },
      {
        params: [],
        argv: ["CLUSTER", "MYSHARDID"],
        resp3: "-ERR This instance has cluster support disabled\r\n",
        error: /^ERR This instance has cluster support disabled/,
      },
    ],
    live: async ({ client }) => {
      await rejectsWith(client.clusterMyshardid(), DISABLED);
      await withClusterNode(async (node, resp2) => {
        const shardId = await node.clusterMyshardid();
        assert.match(shardId, /^[0-9a-f]{40}$/);
        assert.equal(await resp2.clusterMyshardid(), shardId);
        assert.deepEqual(
          await node.bytes.clusterMyshardid(),
          new TextEncoder().encode(shardId),
        );
      });
    },
  },
  {
    method: "clusterSlotStats",
    recordedFrom: "valkey 8.0.1 (cluster mode, and standalone for the error)",
    exchanges: [
      {
        params: [{ slotsrange: { start: 0, end: 1 } }],
        argv: ["CLUSTER", "SLOT-STATS", "SLOTSRANGE", 0, 1],
        resp3:
          "*2\r\n*2\r\n:0\r\n%1\r\n$9\r\nkey-count\r\n:0\r\n*2\r\n:1\r\n%1\r\n$9\r\nkey-count\r\n:0\r\n",
        resp2:
          "*2\r\n*2\r\n:0\r\n*2\r\n$9\r\nkey-count\r\n:0\r\n*2\r\n:1\r\n*2\r\n$9\r\nkey-count\r\n:0\r\n",
        result: [{ slot: 0, keyCount: 0 }, { slot: 1, keyCount: 0 }],
      },
      {
        params: [{ orderby: "key-count", limit: 1, order: "DESC" }],
        argv: [
          "CLUSTER",
          "SLOT-STATS",
          "ORDERBY",
          "key-count",
          "LIMIT",
          1,
          "DESC",
        ],
        resp3:
          "*1\r\n*2\r\n:12182\r\n%4\r\n$9\r\nkey-count\r\n:1\r\n$8\r\ncpu-usec\r\n:15\r\n$16\r\nnetwork-bytes-in\r\n:29\r\n$17\r\nnetwork-bytes-out\r\n:5\r\n",
        resp2:
          "*1\r\n*2\r\n:12182\r\n*8\r\n$9\r\nkey-count\r\n:1\r\n$8\r\ncpu-usec\r\n:15\r\n$16\r\nnetwork-bytes-in\r\n:29\r\n$17\r\nnetwork-bytes-out\r\n:5\r\n",
        result: [{
          slot: 12182,
          keyCount: 1,
          cpuUsec: 15,
          networkBytesIn: 29,
          networkBytesOut: 5,
        }],
      },
      {
        params: [{ orderby: "memory-bytes" }],
        argv: ["CLUSTER", "SLOT-STATS", "ORDERBY", "memory-bytes"],
        resp3: "-ERR Unrecognized sort metric for ORDERBY.\r\n",
        error: /^ERR Unrecognized sort metric for ORDERBY\./,
      },
      {
        params: [{ slotsrange: { start: 0, end: 1 } }],
        argv: ["CLUSTER", "SLOT-STATS", "SLOTSRANGE", 0, 1],
        resp3: "-ERR This instance has cluster support disabled\r\n",
        error: /^ERR This instance has cluster support disabled/,
      },
    ],
    live: async ({ client }) => {
      await rejectsWith(
        client.clusterSlotStats({ slotsrange: { start: 0, end: 1 } }),
        DISABLED,
      );
      await withClusterNode(async (node, resp2) => {
        await node.set("foo", "1"); // slot 12182
        await node.set("{foo}:2", "2");
        const range = { slotsrange: { start: 12181, end: 12183 } } as const;
        assert.deepEqual(await node.clusterSlotStats(range), [
          { slot: 12181, keyCount: 0 },
          { slot: 12182, keyCount: 2 },
          { slot: 12183, keyCount: 0 },
        ]);
        assert.deepEqual(
          await resp2.clusterSlotStats(range),
          await node.clusterSlotStats(range),
        );
        assert.deepEqual(
          await node.clusterSlotStats({ orderby: "key-count", limit: 1 }),
          [{ slot: 12182, keyCount: 2 }],
        );
        const lowest = await node.clusterSlotStats({
          orderby: "key-count",
          limit: 2,
          order: "ASC",
        });
        assert.deepEqual(lowest, [
          { slot: 0, keyCount: 0 },
          { slot: 1, keyCount: 0 },
        ]);
        await node.sendCommand([
          "CONFIG",
          "SET",
          "cluster-slot-stats-enabled",
          "yes",
        ]);
        await node.get("foo");
        const [stats] = await node.clusterSlotStats({
          slotsrange: { start: 12182, end: 12182 },
        });
        assert.equal(stats?.keyCount, 2);
        assert.equal(typeof stats?.cpuUsec, "number");
        assert.ok((stats?.networkBytesIn ?? 0) > 0, "no network-bytes-in");
        assert.ok((stats?.networkBytesOut ?? 0) > 0, "no network-bytes-out");
      });
    },
  },
  {
    method: "clusterSetslot",
    recordedFrom:
      "valkey 8.0.1 (cluster mode; TIMEOUT) and redis 7.4.1 (cluster mode; no TIMEOUT)",
    exchanges: [
      {
        params: [0, { node: "d09dc760be6162b0ba532e09d6a2ff1f3223d659" }, {
          timeout: 0,
        }],
        argv: [
          "CLUSTER",
          "SETSLOT",
          0,
          "NODE",
          "d09dc760be6162b0ba532e09d6a2ff1f3223d659",
          "TIMEOUT",
          0,
        ],
        resp3: "+OK\r\n",
        result: "OK",
      },
      {
        params: [0, { stable: true }, { timeout: 1000 }],
        argv: ["CLUSTER", "SETSLOT", 0, "STABLE", "TIMEOUT", 1000],
        resp3:
          "-ERR Invalid CLUSTER SETSLOT action or number of arguments. Try CLUSTER HELP\r\n",
        error: /^ERR Invalid CLUSTER SETSLOT action or number of arguments/,
      },
    ],
    live: async () => {
      await withClusterNode(async (node) => {
        const id = await node.clusterMyid();
        const call = node.clusterSetslot(42, { node: id }, { timeout: 500 });
        if (valkeyAtLeast(8, 0)) {
          assert.equal(await call, "OK");
          assert.equal(
            await node.clusterSetslot(42, { stable: true }, { timeout: 0 }),
            "OK",
          );
        } else {
          // Redis and Valkey before 8.0 have no TIMEOUT.
          await rejectsWith(call, /Invalid CLUSTER SETSLOT action/);
        }
        assert.equal(await node.clusterSetslot(42, { node: id }), "OK");
      });
    },
  },
  {
    method: "clusterMigration",
    recordedFrom: "the Redis 8.4 command reference (CLUSTER MIGRATION IMPORT)",
    exchanges: [
      {
        params: [[{ start: 0, end: 1000 }, { start: 2000, end: 3000 }]],
        argv: ["CLUSTER", "MIGRATION", "IMPORT", 0, 1000, 2000, 3000],
        resp3: bulk(TASK),
        result: TASK,
      },
    ],
    live: async ({ client }) => {
      await rejectsWith(
        client.clusterMigration([{ start: 0, end: 10 }]),
        DISABLED,
      );
      await withClusterNode(async (node) => {
        // The node serves every slot already: nothing to import.
        await assert.rejects(
          node.clusterMigration([{ start: 0, end: 10 }]),
          ReplyError,
        );
      });
    },
  },
  {
    method: "clusterMigrationCancel",
    recordedFrom: "the Redis 8.4 command reference (CLUSTER MIGRATION CANCEL)",
    exchanges: [
      {
        params: [{ id: TASK }],
        argv: ["CLUSTER", "MIGRATION", "CANCEL", "ID", TASK],
        resp3: ":1\r\n",
        result: 1,
      },
      {
        params: [{ all: true }],
        argv: ["CLUSTER", "MIGRATION", "CANCEL", "ALL"],
        resp3: ":0\r\n",
        result: 0,
      },
    ],
    live: async ({ client }) => {
      await rejectsWith(client.clusterMigrationCancel({ all: true }), DISABLED);
      await withClusterNode(async (node) => {
        assert.equal(await node.clusterMigrationCancel({ all: true }), 0);
      });
    },
  },
  {
    method: "clusterMigrationStatus",
    recordedFrom: "the Redis 8.4 command reference (CLUSTER MIGRATION STATUS)",
    exchanges: [
      {
        params: [{ id: TASK }],
        argv: ["CLUSTER", "MIGRATION", "STATUS", "ID", TASK],
        resp3: `*1\r\n${migrationTask(3)}`,
        resp2: `*1\r\n${migrationTask(2)}`,
        result: [{
          id: TASK,
          slots: [{ start: 0, end: 1000 }],
          source: NODE_A,
          dest: NODE_B,
          operation: "import",
          state: "completed",
          lastError: "",
          retries: 0,
          createTime: 1790405105443,
          startTime: 1790405105443,
          endTime: 1790405105445,
          writePauseMs: 2,
        }],
      },
      {
        params: [],
        argv: ["CLUSTER", "MIGRATION", "STATUS", "ALL"],
        resp3: "*0\r\n",
        result: [],
      },
    ],
    live: async ({ client }) => {
      await rejectsWith(client.clusterMigrationStatus(), DISABLED);
      await withClusterNode(async (node, resp2) => {
        assert.deepEqual(await node.clusterMigrationStatus(), []);
        assert.deepEqual(await resp2.clusterMigrationStatus({ id: TASK }), []);
      });
    },
  },
  {
    method: "clusterMigrateslots",
    recordedFrom: "the Valkey 9.0 command reference (CLUSTER MIGRATESLOTS)",
    exchanges: [
      {
        params: [[
          {
            ranges: [{ start: 0, end: 9 }, { start: 20, end: 29 }],
            node: NODE_B,
          },
          { ranges: [{ start: 10, end: 19 }], node: NODE_C },
        ]],
        argv: [
          "CLUSTER",
          "MIGRATESLOTS",
          "SLOTSRANGE",
          0,
          9,
          20,
          29,
          "NODE",
          NODE_B,
          "SLOTSRANGE",
          10,
          19,
          "NODE",
          NODE_C,
        ],
        resp3: "+OK\r\n",
        result: "OK",
      },
    ],
    live: async ({ client }) => {
      await rejectsWith(
        client.clusterMigrateslots([{
          ranges: [{ start: 0, end: 9 }],
          node: NODE_B,
        }]),
        DISABLED,
      );
      await withClusterNode(async (node) => {
        // No such node: no job starts.
        await assert.rejects(
          node.clusterMigrateslots([{
            ranges: [{ start: 0, end: 9 }],
            node: NODE_B,
          }]),
          ReplyError,
        );
        assert.deepEqual(await node.clusterGetslotmigrations(), []);
      });
    },
  },
  {
    method: "clusterCancelslotmigrations",
    recordedFrom:
      "the Valkey 9.0 command reference (CLUSTER CANCELSLOTMIGRATIONS)",
    exchanges: [
      {
        params: [],
        argv: ["CLUSTER", "CANCELSLOTMIGRATIONS"],
        resp3: "+OK\r\n",
        result: "OK",
      },
    ],
    live: async ({ client }) => {
      await rejectsWith(client.clusterCancelslotmigrations(), DISABLED);
      await withClusterNode(async (node) => {
        assert.equal(await node.clusterCancelslotmigrations(), "OK");
      });
    },
  },
  {
    method: "clusterGetslotmigrations",
    recordedFrom:
      "the Valkey 9.0 command reference (CLUSTER GETSLOTMIGRATIONS)",
    exchanges: [
      {
        params: [],
        argv: ["CLUSTER", "GETSLOTMIGRATIONS"],
        resp3: `*1\r\n${migrationJob(3)}`,
        resp2: `*1\r\n${migrationJob(2)}`,
        result: [{
          name: NODE_A,
          operation: "EXPORT",
          slotRanges: [{ start: 0, end: 10 }, { start: 20, end: 29 }],
          targetNode: NODE_B,
          sourceNode: NODE_C,
          createTime: 1754870400,
          lastUpdateTime: 1754870401,
          lastAckTime: 1754870402,
          state: "success",
          message: "",
          cowSize: 0,
        }],
      },
    ],
    live: async ({ client }) => {
      await rejectsWith(client.clusterGetslotmigrations(), DISABLED);
      await withClusterNode(async (node, resp2) => {
        assert.deepEqual(await node.clusterGetslotmigrations(), []);
        assert.deepEqual(await resp2.clusterGetslotmigrations(), []);
      });
    },
  },
  {
    method: "clusterFlushslot",
    recordedFrom: "the Valkey 9.0 command reference (CLUSTER FLUSHSLOT)",
    exchanges: [
      {
        params: [12182, { async: true }],
        argv: ["CLUSTER", "FLUSHSLOT", 12182, "ASYNC"],
        resp3: "+OK\r\n",
        result: "OK",
      },
    ],
    live: async ({ client }) => {
      await rejectsWith(client.clusterFlushslot(12182), DISABLED);
      await withClusterNode(async (node) => {
        await node.set("foo", "1"); // slot 12182
        await node.set("{foo}:2", "2");
        await node.set("bar", "3"); // slot 5061
        assert.equal(await node.clusterFlushslot(12182, { sync: true }), "OK");
        assert.equal(await node.clusterCountkeysinslot(12182), 0);
        assert.equal(await node.get("bar"), "3");
      });
    },
  },
  {
    method: "clusterscan",
    recordedFrom: "the Valkey 9.1 command reference (CLUSTERSCAN)",
    exchanges: [
      {
        params: [0, { match: "user:*", count: 10 }],
        argv: ["CLUSTERSCAN", 0, "MATCH", "user:*", "COUNT", 10],
        resp3:
          "*2\r\n$16\r\n1a2b3c4d-{06S}-0\r\n*2\r\n$6\r\nuser:1\r\n$6\r\nuser:2\r\n",
        result: { cursor: "1a2b3c4d-{06S}-0", keys: ["user:1", "user:2"] },
      },
      {
        params: ["1a2b3c4d-{06S}-0", { slot: 0 }],
        argv: ["CLUSTERSCAN", "1a2b3c4d-{06S}-0", "SLOT", 0],
        resp3: "*2\r\n$1\r\n0\r\n*0\r\n",
        result: { cursor: "0", keys: [] },
      },
    ],
    live: async () => {
      await withClusterNode(async (node) => {
        const keys = ["a", "b", "user:1", "user:2", "{user}:3"];
        for (const key of keys) await node.set(key, "v");
        const seen = new Set<string>();
        let cursor: string | 0 = 0;
        let calls = 0;
        do {
          const page = await node.clusterscan(cursor, { count: 1000 });
          for (const key of page.keys) seen.add(key);
          cursor = page.cursor;
          assert.ok(++calls <= 40_000, "CLUSTERSCAN never ended");
        } while (cursor !== "0");
        assert.deepEqual([...seen].sort(), [...keys].sort());
      });
    },
  },
]);
