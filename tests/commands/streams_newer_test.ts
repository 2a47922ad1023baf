/**
 * Stream commands and options newer than Redis 7.0: recorded replies
 * played back over RESP3 and RESP2, and the real behaviour where the test
 * server has them (an option the server lacks: its refusal).
 *
 * @module
 */

import assert from "node:assert/strict";
import { type RedisClient, ReplyError } from "../../mod.ts";
import { serverHas } from "../_process.ts";
import { testNewer } from "./_recorded.ts";

/** Rejects with a `ReplyError` whose message matches `pattern`. */
async function refused(call: Promise<unknown>, pattern: RegExp) {
  await assert.rejects(call, (error: unknown) => {
    assert.ok(error instanceof ReplyError, `not a ReplyError: ${error}`);
    assert.match(error.message, pattern);
    return true;
  });
}

/** Stream `key` with entries 1-1 and 2-1 and group `g` reading from 0. */
async function seed(client: RedisClient, key = "s"): Promise<void> {
  await client.xgroupCreate(key, "g", "0", { mkstream: true });
  await client.xadd(key, "1-1", { a: "1" });
  await client.xadd(key, "2-1", { b: "2" });
}

/** The delivery and seen times in the recorded XINFO STREAM FULL reply. */
const T = 1796479986179;

// The XREAD and XREADGROUP exchanges pass `block`: the playback expects a
// blocking command on an extra connection, where the client sends it only
// when it has a BLOCK argument.

testNewer("stream", [
  // XREAD with the ID "+" (Redis 7.4, Valkey 8.0).
  {
    method: "xread",
    recordedFrom: "redis 7.4.1",
    exchanges: [
      {
        params: [[{ key: "s", id: "+" }], { block: 10 }],
        argv: ["XREAD", "BLOCK", 10, "STREAMS", "s", "+"],
        resp3:
          "%1\r\n$1\r\ns\r\n*1\r\n*2\r\n$3\r\n2-1\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n",
        resp2:
          "*1\r\n*2\r\n$1\r\ns\r\n*1\r\n*2\r\n$3\r\n2-1\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n",
        result: [{
          key: "s",
          entries: [{ id: "2-1", fields: { b: "2" }, fieldList: ["b", "2"] }],
        }],
      },
      {
        params: [[{ key: "s", id: "+" }, { key: "t", id: "+" }], {
          count: 5,
          block: 10,
        }],
        argv: ["XREAD", "COUNT", 5, "BLOCK", 10, "STREAMS", "s", "t", "+", "+"],
        resp3:
          "%1\r\n$1\r\ns\r\n*1\r\n*2\r\n$3\r\n2-1\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n",
        resp2:
          "*1\r\n*2\r\n$1\r\ns\r\n*1\r\n*2\r\n$3\r\n2-1\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n",
        result: [{
          key: "s",
          entries: [{ id: "2-1", fields: { b: "2" }, fieldList: ["b", "2"] }],
        }],
      },
      {
        params: [[{ key: "t", id: "+" }], { block: 10 }],
        argv: ["XREAD", "BLOCK", 10, "STREAMS", "t", "+"],
        resp3: "_\r\n",
        resp2: "*-1\r\n",
        result: null,
      },
    ],
    live: async ({ client }) => {
      await seed(client);
      const last = client.xread([{ key: "s", id: "+" }, { key: "t", id: "+" }]);
      if (serverHas({ redis: "7.4.0", valkey: "8.0.0" })) {
        assert.deepEqual(await last, [{
          key: "s",
          entries: [{ id: "2-1", fields: { b: "2" }, fieldList: ["b", "2"] }],
        }]);
      } else {
        await refused(last, /Invalid stream ID/);
      }
    },
  },
  // XREAD MAXCOUNT and MAXSIZE (Redis 8.10).
  {
    method: "xread",
    recordedFrom: "the Redis 8.10 command reference",
    exchanges: [
      {
        params: [[{ key: "s1", id: "0" }, { key: "s2", id: "0" }], {
          count: 2,
          maxcount: 3,
          block: 1000,
        }],
        argv: [
          "XREAD",
          "COUNT",
          2,
          "MAXCOUNT",
          3,
          "BLOCK",
          1000,
          "STREAMS",
          "s1",
          "s2",
          "0",
          "0",
        ],
        resp3:
          "%2\r\n$2\r\ns1\r\n*2\r\n*2\r\n$3\r\n1-1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$3\r\n2-1\r\n*2\r\n$1\r\na\r\n$1\r\n2\r\n$2\r\ns2\r\n*1\r\n*2\r\n$3\r\n1-2\r\n*2\r\n$1\r\nb\r\n$1\r\n1\r\n",
        resp2:
          "*2\r\n*2\r\n$2\r\ns1\r\n*2\r\n*2\r\n$3\r\n1-1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$3\r\n2-1\r\n*2\r\n$1\r\na\r\n$1\r\n2\r\n*2\r\n$2\r\ns2\r\n*1\r\n*2\r\n$3\r\n1-2\r\n*2\r\n$1\r\nb\r\n$1\r\n1\r\n",
        result: [
          {
            key: "s1",
            entries: [
              { id: "1-1", fields: { a: "1" }, fieldList: ["a", "1"] },
              { id: "2-1", fields: { a: "2" }, fieldList: ["a", "2"] },
            ],
          },
          {
            key: "s2",
            entries: [{ id: "1-2", fields: { b: "1" }, fieldList: ["b", "1"] }],
          },
        ],
      },
    ],
    live: async ({ client }) => {
      for (const key of ["s1", "s2"]) {
        await client.xadd(key, "1-1", { n: "1" });
        await client.xadd(key, "2-1", { n: "2" });
      }
      const streams = [{ key: "s1", id: "0" }, { key: "s2", id: "0" }];
      const read = client.xread(streams, { count: 2, maxcount: 3 });
      if (serverHas({ redis: "8.10.0" })) {
        const reads = await read;
        assert.deepEqual(
          reads?.map(({ key, entries }) => [key, entries.map((e) => e.id)]),
          [["s1", ["1-1", "2-1"]], ["s2", ["1-1"]]],
        );
        // A soft byte cap still returns a first entry larger than it.
        const small = await client.xread(streams, { maxsize: 1 });
        assert.deepEqual(
          small?.map(({ key, entries }) => [key, entries.length]),
          [["s1", 1]],
        );
      } else {
        await refused(read, /syntax error/);
      }
    },
  },
  // XREADGROUP CLAIM (Redis 8.4).
  {
    method: "xreadgroup",
    recordedFrom: "the Redis 8.4 command reference",
    exchanges: [
      {
        params: ["g", "bob", [{ key: "s", id: ">" }], {
          block: 1000,
          claim: 5000,
        }],
        argv: [
          "XREADGROUP",
          "GROUP",
          "g",
          "bob",
          "BLOCK",
          1000,
          "CLAIM",
          5000,
          "STREAMS",
          "s",
          ">",
        ],
        resp3:
          "%1\r\n$1\r\ns\r\n*2\r\n*4\r\n$3\r\n1-1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n:5021\r\n:1\r\n*4\r\n$3\r\n2-1\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n:0\r\n:0\r\n",
        resp2:
          "*1\r\n*2\r\n$1\r\ns\r\n*2\r\n*4\r\n$3\r\n1-1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n:5021\r\n:1\r\n*4\r\n$3\r\n2-1\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n:0\r\n:0\r\n",
        result: [{
          key: "s",
          entries: [
            {
              id: "1-1",
              fields: { a: "1" },
              fieldList: ["a", "1"],
              idle: 5021,
              deliveries: 1,
            },
            {
              id: "2-1",
              fields: { b: "2" },
              fieldList: ["b", "2"],
              idle: 0,
              deliveries: 0,
            },
          ],
        }],
      },
      {
        params: ["g", "bob", [{ key: "s", id: ">" }], {
          block: 1000,
          claim: 5000,
        }],
        argv: [
          "XREADGROUP",
          "GROUP",
          "g",
          "bob",
          "BLOCK",
          1000,
          "CLAIM",
          5000,
          "STREAMS",
          "s",
          ">",
        ],
        resp3: "_\r\n",
        resp2: "*-1\r\n",
        result: null,
      },
    ],
    live: async ({ client }) => {
      await seed(client);
      await client.xreadgroup("g", "alice", [{ key: "s", id: ">" }], {
        count: 1,
      });
      const claimed = client.xreadgroup("g", "bob", [{ key: "s", id: ">" }], {
        claim: 0,
      });
      if (serverHas({ redis: "8.4.0" })) {
        const [read] = (await claimed) ?? [];
        const [pending, fresh] = read?.entries ?? [];
        assert.equal(pending?.id, "1-1");
        assert.equal(pending?.deliveries, 1);
        assert.ok((pending?.idle ?? -1) >= 0);
        assert.deepEqual(fresh, {
          id: "2-1",
          fields: { b: "2" },
          fieldList: ["b", "2"],
          idle: 0,
          deliveries: 0,
        });
        const owners = await client.xpendingRange("s", "g", {
          start: "-",
          end: "+",
          count: 10,
        });
        assert.deepEqual(owners.map((entry) => entry.consumer), ["bob", "bob"]);
      } else {
        await refused(claimed, /syntax error/);
      }
    },
  },
  // XREADGROUP MAXCOUNT and MAXSIZE (Redis 8.10).
  {
    method: "xreadgroup",
    recordedFrom: "the Redis 8.10 command reference",
    exchanges: [
      {
        params: ["g", "alice", [{ key: "s1", id: ">" }], {
          maxcount: 2,
          maxsize: 65536,
          block: 1000,
        }],
        argv: [
          "XREADGROUP",
          "GROUP",
          "g",
          "alice",
          "MAXCOUNT",
          2,
          "MAXSIZE",
          65536,
          "BLOCK",
          1000,
          "STREAMS",
          "s1",
          ">",
        ],
        resp3:
          "%1\r\n$2\r\ns1\r\n*2\r\n*2\r\n$3\r\n1-1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$3\r\n2-1\r\n*2\r\n$1\r\na\r\n$1\r\n2\r\n",
        resp2:
          "*1\r\n*2\r\n$2\r\ns1\r\n*2\r\n*2\r\n$3\r\n1-1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$3\r\n2-1\r\n*2\r\n$1\r\na\r\n$1\r\n2\r\n",
        result: [{
          key: "s1",
          entries: [
            { id: "1-1", fields: { a: "1" }, fieldList: ["a", "1"] },
            { id: "2-1", fields: { a: "2" }, fieldList: ["a", "2"] },
          ],
        }],
      },
    ],
    live: async ({ client }) => {
      await seed(client);
      const read = client.xreadgroup("g", "alice", [{ key: "s", id: ">" }], {
        maxcount: 1,
      });
      if (serverHas({ redis: "8.10.0" })) {
        const reads = await read;
        assert.deepEqual(reads?.[0]?.entries.map((entry) => entry.id), ["1-1"]);
      } else {
        await refused(read, /syntax error/);
      }
    },
  },
  // XADD KEEPREF | DELREF | ACKED (Redis 8.2).
  {
    method: "xadd",
    recordedFrom: "the Redis 8.2 command reference",
    exchanges: [
      {
        params: ["s", "3-1", { c: "3" }, {
          policy: "ACKED",
          maxlen: { threshold: 1 },
        }],
        argv: ["XADD", "s", "ACKED", "MAXLEN", 1, "3-1", "c", "3"],
        resp3: "$3\r\n3-1\r\n",
        result: "3-1",
      },
    ],
    live: async ({ client }) => {
      await seed(client);
      await client.xreadgroup("g", "alice", [{ key: "s", id: ">" }], {
        count: 1,
      });
      const add = client.xadd("s", "3-1", { c: "3" }, {
        policy: "ACKED",
        maxlen: { threshold: 1 },
      });
      if (serverHas({ redis: "8.2.0" })) {
        assert.equal(await add, "3-1");
        // 1-1 is pending and 2-1 unread: ACKED trims neither.
        assert.equal(await client.xlen("s"), 3);
        assert.equal(
          await client.xadd("s", "4-1", { d: "4" }, {
            policy: "DELREF",
            maxlen: { threshold: 1 },
          }),
          "4-1",
        );
        assert.equal(await client.xlen("s"), 1);
        assert.equal((await client.xpending("s", "g")).count, 0);
      } else {
        await refused(add, /Invalid stream ID/);
      }
    },
  },
  // XADD IDMP and IDMPAUTO (Redis 8.6).
  {
    method: "xadd",
    recordedFrom: "the Redis 8.6 command reference",
    exchanges: [
      {
        params: ["p", "*", { amount: "100" }, {
          idmp: { producer: "p1", iid: "order-1" },
        }],
        argv: ["XADD", "p", "IDMP", "p1", "order-1", "*", "amount", "100"],
        resp3: "$15\r\n1700000000000-0\r\n",
        result: "1700000000000-0",
      },
      {
        params: ["p", "*", { amount: "200" }, {
          idmp: { producer: "p1", iid: "order-1" },
        }],
        argv: ["XADD", "p", "IDMP", "p1", "order-1", "*", "amount", "200"],
        resp3: "$15\r\n1700000000000-0\r\n",
        result: "1700000000000-0",
      },
      {
        params: ["p", "*", { amount: "100" }, { idmpauto: "p2" }],
        argv: ["XADD", "p", "IDMPAUTO", "p2", "*", "amount", "100"],
        resp3: "$15\r\n1700000000001-0\r\n",
        result: "1700000000001-0",
      },
      {
        params: ["p", "9-9", { amount: "100" }, {
          idmp: { producer: "p1", iid: "order-2" },
        }],
        argv: ["XADD", "p", "IDMP", "p1", "order-2", "9-9", "amount", "100"],
        resp3:
          "-ERR IDMP/IDMPAUTO can be used only with auto-generated IDs\r\n",
        error: /^ERR IDMP\/IDMPAUTO can be used only with auto-generated IDs/,
      },
    ],
    live: async ({ client }) => {
      const idmp = { producer: "p1", iid: "order-1" };
      const add = client.xadd("p", "*", { amount: "100" }, { idmp });
      if (serverHas({ redis: "8.6.0" })) {
        const id = await add;
        assert.equal(
          await client.xadd("p", "*", { amount: "200" }, { idmp }),
          id,
        );
        const auto = await client.xadd("p", "*", { n: "1" }, {
          idmpauto: "p2",
        });
        assert.equal(
          await client.xadd("p", "*", { n: "1" }, { idmpauto: "p2" }),
          auto,
        );
        assert.equal(await client.xlen("p"), 2);
        assert.deepEqual(
          (await client.xrange("p", "-", "+"))[0]?.fields,
          { amount: "100" },
        );
      } else {
        await refused(add, /Invalid stream ID/);
      }
    },
  },
  // XTRIM KEEPREF | DELREF | ACKED (Redis 8.2).
  {
    method: "xtrim",
    recordedFrom: "the Redis 8.2 command reference",
    exchanges: [
      {
        params: ["s", { maxlen: { threshold: 0 } }, { policy: "DELREF" }],
        argv: ["XTRIM", "s", "MAXLEN", 0, "DELREF"],
        resp3: ":2\r\n",
        result: 2,
      },
    ],
    live: async ({ client }) => {
      await seed(client);
      await client.xreadgroup("g", "alice", [{ key: "s", id: ">" }], {
        count: 1,
      });
      const trim = client.xtrim("s", { maxlen: { threshold: 0 } }, {
        policy: "ACKED",
      });
      if (serverHas({ redis: "8.2.0" })) {
        // 1-1 is pending and 2-1 unread: nothing is acknowledged by all.
        assert.equal(await trim, 0);
        assert.equal(
          await client.xtrim("s", { maxlen: { threshold: 0 } }, {
            policy: "DELREF",
          }),
          2,
        );
        assert.equal((await client.xpending("s", "g")).count, 0);
      } else {
        await refused(trim, /syntax error/);
      }
    },
  },
  // XDELEX (Redis 8.2).
  {
    method: "xdelex",
    recordedFrom: "the Redis 8.2 command reference",
    exchanges: [
      {
        params: ["s", ["1-1", "2-1", "9-9"], { policy: "ACKED" }],
        argv: ["XDELEX", "s", "ACKED", "IDS", 3, "1-1", "2-1", "9-9"],
        resp3: "*3\r\n:1\r\n:2\r\n:-1\r\n",
        result: [1, 2, -1],
      },
      {
        params: ["missing", ["1-1"]],
        argv: ["XDELEX", "missing", "IDS", 1, "1-1"],
        resp3: "*1\r\n:-1\r\n",
        result: [-1],
      },
      {
        params: ["h", ["1-1"]],
        argv: ["XDELEX", "h", "IDS", 1, "1-1"],
        resp3:
          "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
        error: /^WRONGTYPE/,
      },
    ],
    live: async ({ client }) => {
      await seed(client);
      await client.xreadgroup("g", "alice", [{ key: "s", id: ">" }], {
        count: 1,
      });
      await client.xack("s", "g", "1-1");
      await client.xreadgroup("g", "alice", [{ key: "s", id: ">" }]);
      // 1-1 is acknowledged, 2-1 still pending.
      assert.deepEqual(
        await client.xdelex("s", ["1-1", "2-1", "9-9"], { policy: "ACKED" }),
        [1, 2, -1],
      );
      assert.deepEqual(
        await client.xdelex("s", ["2-1"], { policy: "DELREF" }),
        [
          1,
        ],
      );
      assert.equal((await client.xpending("s", "g")).count, 0);
      assert.deepEqual(await client.xdelex("missing", ["1-1"]), [-1]);
    },
  },
  // XACKDEL (Redis 8.2).
  {
    method: "xackdel",
    recordedFrom: "the Redis 8.2 command reference",
    exchanges: [
      {
        params: ["s", "g", ["1-1", "2-1"], { policy: "KEEPREF" }],
        argv: ["XACKDEL", "s", "g", "KEEPREF", "IDS", 2, "1-1", "2-1"],
        resp3: "*2\r\n:1\r\n:1\r\n",
        result: [1, 1],
      },
      {
        params: ["s", "g", ["3-1", "9-9"], { policy: "ACKED" }],
        argv: ["XACKDEL", "s", "g", "ACKED", "IDS", 2, "3-1", "9-9"],
        resp3: "*2\r\n:2\r\n:-1\r\n",
        result: [2, -1],
      },
    ],
    live: async ({ client }) => {
      await seed(client);
      await client.xgroupCreate("s", "other", "0");
      await client.xreadgroup("g", "alice", [{ key: "s", id: ">" }]);
      // Group "other" has read nothing: ACKED acknowledges but keeps 1-1.
      assert.deepEqual(
        await client.xackdel("s", "g", ["1-1", "9-9"], { policy: "ACKED" }),
        [2, -1],
      );
      assert.equal(await client.xlen("s"), 2);
      assert.deepEqual(await client.xackdel("s", "g", ["2-1"]), [1]);
      assert.equal(await client.xlen("s"), 1);
      assert.equal((await client.xpending("s", "g")).count, 0);
    },
  },
  // XCFGSET (Redis 8.6).
  {
    method: "xcfgset",
    recordedFrom: "the Redis 8.6 command reference",
    exchanges: [
      {
        params: ["p", { idmpDuration: 300, idmpMaxsize: 1000 }],
        argv: ["XCFGSET", "p", "IDMP-DURATION", 300, "IDMP-MAXSIZE", 1000],
        resp3: "+OK\r\n",
        result: "OK",
      },
      {
        params: ["missing", { idmpDuration: 300 }],
        argv: ["XCFGSET", "missing", "IDMP-DURATION", 300],
        resp3: "-ERR no such key\r\n",
        error: /^ERR no such key/,
      },
    ],
    live: async ({ client }) => {
      await client.xadd("p", "*", { a: "1" });
      assert.equal(
        await client.xcfgset("p", { idmpDuration: 300, idmpMaxsize: 50 }),
        "OK",
      );
      const info = await client.xinfoStream("p");
      assert.equal(info.idmpDuration, 300);
      assert.equal(info.idmpMaxsize, 50);
      await refused(
        client.xcfgset("missing", { idmpDuration: 300 }),
        /no such key/,
      );
    },
  },
  // XINFO STREAM's idempotent-add fields (Redis 8.6).
  {
    method: "xinfoStream",
    recordedFrom: "the Redis 8.6 command reference",
    exchanges: [
      {
        params: ["p"],
        argv: ["XINFO", "STREAM", "p"],
        resp3:
          "%16\r\n$6\r\nlength\r\n:2\r\n$15\r\nradix-tree-keys\r\n:1\r\n$16\r\nradix-tree-nodes\r\n:2\r\n$17\r\nlast-generated-id\r\n$3\r\n2-1\r\n$20\r\nmax-deleted-entry-id\r\n$3\r\n0-0\r\n$13\r\nentries-added\r\n:2\r\n$23\r\nrecorded-first-entry-id\r\n$3\r\n1-1\r\n$13\r\nidmp-duration\r\n:100\r\n$12\r\nidmp-maxsize\r\n:100\r\n$12\r\npids-tracked\r\n:1\r\n$12\r\niids-tracked\r\n:2\r\n$10\r\niids-added\r\n:2\r\n$15\r\niids-duplicates\r\n:1\r\n$6\r\ngroups\r\n:0\r\n$11\r\nfirst-entry\r\n*2\r\n$3\r\n1-1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n$10\r\nlast-entry\r\n*2\r\n$3\r\n2-1\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n",
        resp2:
          "*32\r\n$6\r\nlength\r\n:2\r\n$15\r\nradix-tree-keys\r\n:1\r\n$16\r\nradix-tree-nodes\r\n:2\r\n$17\r\nlast-generated-id\r\n$3\r\n2-1\r\n$20\r\nmax-deleted-entry-id\r\n$3\r\n0-0\r\n$13\r\nentries-added\r\n:2\r\n$23\r\nrecorded-first-entry-id\r\n$3\r\n1-1\r\n$13\r\nidmp-duration\r\n:100\r\n$12\r\nidmp-maxsize\r\n:100\r\n$12\r\npids-tracked\r\n:1\r\n$12\r\niids-tracked\r\n:2\r\n$10\r\niids-added\r\n:2\r\n$15\r\niids-duplicates\r\n:1\r\n$6\r\ngroups\r\n:0\r\n$11\r\nfirst-entry\r\n*2\r\n$3\r\n1-1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n$10\r\nlast-entry\r\n*2\r\n$3\r\n2-1\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n",
        result: {
          length: 2,
          radixTreeKeys: 1,
          radixTreeNodes: 2,
          lastGeneratedId: "2-1",
          maxDeletedEntryId: "0-0",
          entriesAdded: 2,
          recordedFirstEntryId: "1-1",
          idmpDuration: 100,
          idmpMaxsize: 100,
          pidsTracked: 1,
          iidsTracked: 2,
          iidsAdded: 2,
          iidsDuplicates: 1,
          groups: 0,
          firstEntry: { id: "1-1", fields: { a: "1" }, fieldList: ["a", "1"] },
          lastEntry: { id: "2-1", fields: { b: "2" }, fieldList: ["b", "2"] },
        },
      },
    ],
    live: async ({ client }) => {
      await client.xadd("p", "1-1", { a: "1" });
      const info = await client.xinfoStream("p");
      if (serverHas({ redis: "8.6.0" })) {
        assert.equal(info.pidsTracked, 0);
        assert.equal(info.iidsAdded, 0);
        assert.equal(typeof info.idmpDuration, "number");
      } else {
        for (
          const field of [
            "idmpDuration",
            "idmpMaxsize",
            "pidsTracked",
            "iidsTracked",
            "iidsAdded",
            "iidsDuplicates",
          ]
        ) {
          assert.ok(!(field in info), `${field} on an older server`);
        }
      }
      assert.equal(info.length, 1);
    },
  },
  // XINFO CONSUMERS's inactive field (Redis 7.2, Valkey 7.2).
  {
    method: "xinfoConsumers",
    recordedFrom: "redis 7.4.1",
    exchanges: [
      {
        params: ["s", "g"],
        argv: ["XINFO", "CONSUMERS", "s", "g"],
        resp3:
          "*2\r\n%4\r\n$4\r\nname\r\n$5\r\nalice\r\n$7\r\npending\r\n:1\r\n$4\r\nidle\r\n:0\r\n$8\r\ninactive\r\n:0\r\n%4\r\n$4\r\nname\r\n$3\r\nbob\r\n$7\r\npending\r\n:0\r\n$4\r\nidle\r\n:0\r\n$8\r\ninactive\r\n:-1\r\n",
        resp2:
          "*2\r\n*8\r\n$4\r\nname\r\n$5\r\nalice\r\n$7\r\npending\r\n:1\r\n$4\r\nidle\r\n:0\r\n$8\r\ninactive\r\n:0\r\n*8\r\n$4\r\nname\r\n$3\r\nbob\r\n$7\r\npending\r\n:0\r\n$4\r\nidle\r\n:0\r\n$8\r\ninactive\r\n:-1\r\n",
        result: [
          { name: "alice", pending: 1, idle: 0, inactive: 0 },
          { name: "bob", pending: 0, idle: 0, inactive: -1 },
        ],
      },
    ],
    live: async ({ client }) => {
      await seed(client);
      await client.xreadgroup("g", "alice", [{ key: "s", id: ">" }], {
        count: 1,
      });
      await client.xgroupCreateconsumer("s", "g", "bob");
      const [alice, bob] = await client.xinfoConsumers("s", "g");
      if (serverHas({ redis: "7.2.0", valkey: "7.2.4" })) {
        assert.equal(typeof alice?.inactive, "number");
        assert.equal(bob?.inactive, -1);
      } else {
        assert.ok(!("inactive" in (alice ?? {})));
        assert.ok(!("inactive" in (bob ?? {})));
      }
      assert.equal(alice?.pending, 1);
    },
  },
  // XINFO STREAM FULL's active-time field (Redis 7.2, Valkey 7.2). The
  // RESP2 reply was recorded a moment after the RESP3 one; its timestamps
  // are set to those of the RESP3 reply.
  {
    method: "xinfoStreamFull",
    recordedFrom: "redis 7.4.1",
    exchanges: [
      {
        params: ["s"],
        argv: ["XINFO", "STREAM", "s", "FULL"],
        resp3:
          "%9\r\n$6\r\nlength\r\n:2\r\n$15\r\nradix-tree-keys\r\n:1\r\n$16\r\nradix-tree-nodes\r\n:2\r\n$17\r\nlast-generated-id\r\n$3\r\n2-1\r\n$20\r\nmax-deleted-entry-id\r\n$3\r\n0-0\r\n$13\r\nentries-added\r\n:2\r\n$23\r\nrecorded-first-entry-id\r\n$3\r\n1-1\r\n$7\r\nentries\r\n*2\r\n*2\r\n$3\r\n1-1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$3\r\n2-1\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n$6\r\ngroups\r\n*1\r\n%7\r\n$4\r\nname\r\n$1\r\ng\r\n$17\r\nlast-delivered-id\r\n$3\r\n1-1\r\n$12\r\nentries-read\r\n:1\r\n$3\r\nlag\r\n:1\r\n$9\r\npel-count\r\n:1\r\n$7\r\npending\r\n*1\r\n*4\r\n$3\r\n1-1\r\n$5\r\nalice\r\n:1796479986179\r\n:1\r\n$9\r\nconsumers\r\n*2\r\n%5\r\n$4\r\nname\r\n$5\r\nalice\r\n$9\r\nseen-time\r\n:1796479986179\r\n$11\r\nactive-time\r\n:1796479986179\r\n$9\r\npel-count\r\n:1\r\n$7\r\npending\r\n*1\r\n*3\r\n$3\r\n1-1\r\n:1796479986179\r\n:1\r\n%5\r\n$4\r\nname\r\n$3\r\nbob\r\n$9\r\nseen-time\r\n:1796479986179\r\n$11\r\nactive-time\r\n:-1\r\n$9\r\npel-count\r\n:0\r\n$7\r\npending\r\n*0\r\n",
        resp2:
          "*18\r\n$6\r\nlength\r\n:2\r\n$15\r\nradix-tree-keys\r\n:1\r\n$16\r\nradix-tree-nodes\r\n:2\r\n$17\r\nlast-generated-id\r\n$3\r\n2-1\r\n$20\r\nmax-deleted-entry-id\r\n$3\r\n0-0\r\n$13\r\nentries-added\r\n:2\r\n$23\r\nrecorded-first-entry-id\r\n$3\r\n1-1\r\n$7\r\nentries\r\n*2\r\n*2\r\n$3\r\n1-1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$3\r\n2-1\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n$6\r\ngroups\r\n*1\r\n*14\r\n$4\r\nname\r\n$1\r\ng\r\n$17\r\nlast-delivered-id\r\n$3\r\n1-1\r\n$12\r\nentries-read\r\n:1\r\n$3\r\nlag\r\n:1\r\n$9\r\npel-count\r\n:1\r\n$7\r\npending\r\n*1\r\n*4\r\n$3\r\n1-1\r\n$5\r\nalice\r\n:1796479986179\r\n:1\r\n$9\r\nconsumers\r\n*2\r\n*10\r\n$4\r\nname\r\n$5\r\nalice\r\n$9\r\nseen-time\r\n:1796479986179\r\n$11\r\nactive-time\r\n:1796479986179\r\n$9\r\npel-count\r\n:1\r\n$7\r\npending\r\n*1\r\n*3\r\n$3\r\n1-1\r\n:1796479986179\r\n:1\r\n*10\r\n$4\r\nname\r\n$3\r\nbob\r\n$9\r\nseen-time\r\n:1796479986179\r\n$11\r\nactive-time\r\n:-1\r\n$9\r\npel-count\r\n:0\r\n$7\r\npending\r\n*0\r\n",
        result: {
          length: 2,
          radixTreeKeys: 1,
          radixTreeNodes: 2,
          lastGeneratedId: "2-1",
          maxDeletedEntryId: "0-0",
          entriesAdded: 2,
          recordedFirstEntryId: "1-1",
          entries: [
            { id: "1-1", fields: { a: "1" }, fieldList: ["a", "1"] },
            { id: "2-1", fields: { b: "2" }, fieldList: ["b", "2"] },
          ],
          groups: [{
            name: "g",
            lastDeliveredId: "1-1",
            entriesRead: 1,
            lag: 1,
            pelCount: 1,
            pending: [{
              id: "1-1",
              consumer: "alice",
              deliveryTime: T,
              deliveries: 1,
            }],
            consumers: [
              {
                name: "alice",
                seenTime: T,
                activeTime: T,
                pelCount: 1,
                pending: [{ id: "1-1", deliveryTime: T, deliveries: 1 }],
              },
              {
                name: "bob",
                seenTime: T,
                activeTime: -1,
                pelCount: 0,
                pending: [],
              },
            ],
          }],
        },
      },
    ],
    live: async ({ client }) => {
      await seed(client);
      await client.xreadgroup("g", "alice", [{ key: "s", id: ">" }], {
        count: 1,
      });
      await client.xgroupCreateconsumer("s", "g", "bob");
      const full = await client.xinfoStreamFull("s");
      const [alice, bob] = full.groups[0]?.consumers ?? [];
      if (serverHas({ redis: "7.2.0", valkey: "7.2.4" })) {
        assert.equal(typeof alice?.activeTime, "number");
        assert.ok((alice?.activeTime ?? 0) > 0);
        assert.equal(bob?.activeTime, -1);
      } else {
        assert.ok(!("activeTime" in (alice ?? {})));
      }
      assert.equal(alice?.pelCount, 1);
    },
  },
  // XNACK (Redis 8.8).
  {
    method: "xnack",
    recordedFrom: "the Redis 8.8 command reference",
    exchanges: [
      {
        params: ["s", "g", "FAIL", ["1-1", "2-1"]],
        argv: ["XNACK", "s", "g", "FAIL", "IDS", 2, "1-1", "2-1"],
        resp3: ":2\r\n",
        result: 2,
      },
      {
        params: ["s", "g", "FATAL", ["1-1"], { retrycount: 5, force: true }],
        argv: [
          "XNACK",
          "s",
          "g",
          "FATAL",
          "IDS",
          1,
          "1-1",
          "RETRYCOUNT",
          5,
          "FORCE",
        ],
        resp3: ":1\r\n",
        result: 1,
      },
    ],
    live: async ({ client }) => {
      await seed(client);
      await client.xreadgroup("g", "alice", [{ key: "s", id: ">" }]);
      assert.equal(await client.xnack("s", "g", "FAIL", ["1-1", "2-1"]), 2);
      const pending = await client.xpendingRange("s", "g", {
        start: "-",
        end: "+",
        count: 10,
      });
      assert.deepEqual(pending.map((entry) => entry.consumer), ["", ""]);
      assert.deepEqual(pending.map((entry) => entry.deliveries), [1, 1]);
      assert.equal(await client.xnack("s", "g", "SILENT", ["9-9"]), 0);
    },
  },
]);
