import assert from "node:assert/strict";
import { connect, ReplyError } from "../../mod.ts";
import { serverBuild, serverHas } from "../_process.ts";
import { startServer } from "../_server.ts";
import { nextEvent } from "../_support.ts";
import { testNewer } from "./_recorded.ts";

/** Whether `error` is a `ReplyError` whose message matches `pattern`. */
function replyError(pattern: RegExp): (error: unknown) => boolean {
  return (error) => error instanceof ReplyError && pattern.test(error.message);
}

const isValkey = serverBuild().name === "valkey";

testNewer("connection", [
  {
    method: "clientNoTouch",
    recordedFrom: "redis 7.4.1",
    exchanges: [
      {
        params: [true],
        argv: ["CLIENT", "NO-TOUCH", "ON"],
        resp3: "+OK\r\n",
        result: "OK",
      },
      {
        params: [false],
        argv: ["CLIENT", "NO-TOUCH", "OFF"],
        resp3: "+OK\r\n",
        result: "OK",
      },
    ],
    live: async ({ client: admin, server }) => {
      await using client = await connect({
        port: server.port,
        reconnect: () => 10,
      });
      assert.doesNotMatch((await client.clientInfo()).flags!, /T/);
      assert.equal(await client.clientNoTouch(true), "OK");
      assert.match((await client.clientInfo()).flags!, /T/);
      // The client keeps to it: a new connection gets NO-TOUCH again.
      const ready = nextEvent(client, "ready");
      assert.equal(await admin.clientKill({ id: await client.clientId() }), 1);
      await ready;
      assert.match((await client.clientInfo()).flags!, /T/);
      assert.equal(await client.clientNoTouch(false), "OK");
      assert.doesNotMatch((await client.clientInfo()).flags!, /T/);
    },
  },
  {
    method: "clientSetinfo",
    recordedFrom: "redis 7.4.1",
    exchanges: [
      {
        params: ["LIB-NAME", "myapp"],
        argv: ["CLIENT", "SETINFO", "LIB-NAME", "myapp"],
        resp3: "+OK\r\n",
        result: "OK",
      },
      {
        params: ["LIB-VER", "1.2.3"],
        argv: ["CLIENT", "SETINFO", "LIB-VER", "1.2.3"],
        resp3: "+OK\r\n",
        result: "OK",
      },
    ],
    live: async ({ client, resp2 }) => {
      // The handshake reported the library already.
      assert.match((await client.clientInfo())["lib-name"]!, /^respite/);
      assert.equal(await client.clientSetinfo("LIB-NAME", "newer-test"), "OK");
      assert.equal(await client.clientSetinfo("LIB-VER", "9.9.9"), "OK");
      const id = await client.clientId();
      const info = await client.clientInfo();
      assert.equal(info["lib-name"], "newer-test");
      assert.equal(info["lib-ver"], "9.9.9");
      const [listed] = await resp2.clientList({ id: [id] });
      assert.equal(listed?.["lib-name"], "newer-test");
      // An empty value clears the attribute.
      assert.equal(await resp2.clientSetinfo("LIB-VER", ""), "OK");
      assert.equal((await resp2.clientInfo())["lib-ver"], "");
      await assert.rejects(
        client.clientSetinfo("LIB-NAME", "two words"),
        TypeError,
      );
    },
  },
  {
    method: "clientCapa",
    recordedFrom: "valkey 8.0.1",
    exchanges: [
      {
        params: ["redirect"],
        argv: ["CLIENT", "CAPA", "redirect"],
        resp3: "+OK\r\n",
        result: "OK",
      },
      {
        // Capabilities the server does not know are ignored.
        params: ["redirect", "no-such-capability"],
        argv: ["CLIENT", "CAPA", "redirect", "no-such-capability"],
        resp3: "+OK\r\n",
        result: "OK",
      },
    ],
    live: async () => {
      // A standalone replica redirects the data commands of a connection
      // that claimed "redirect" to its primary, and serves the others. (The
      // primary here does not exist, so the replica never starts a sync.)
      const replica = await startServer();
      try {
        await using capable = await connect({ port: replica.port });
        await using plain = await connect({ port: replica.port });
        assert.equal(await capable.clientCapa("redirect"), "OK");
        assert.equal(await capable.replicaof("127.0.0.1", 1), "OK");
        await assert.rejects(
          capable.get("k"),
          replyError(/^REDIRECT 127\.0\.0\.1:1(?!\d)/),
        );
        assert.equal(await plain.get("k"), null);
        assert.equal(await capable.ping(), "PONG");
      } finally {
        await replica.stop();
      }
    },
  },
  {
    method: "clientImportSource",
    recordedFrom: "the Valkey 8.1 command reference",
    exchanges: [
      {
        params: [true],
        argv: ["CLIENT", "IMPORT-SOURCE", "ON"],
        resp3: "+OK\r\n",
        result: "OK",
      },
      {
        params: [false],
        argv: ["CLIENT", "IMPORT-SOURCE", "OFF"],
        resp3: "+OK\r\n",
        result: "OK",
      },
    ],
    live: async ({ client }) => {
      assert.equal(await client.configSet({ "import-mode": "yes" }), "OK");
      try {
        assert.equal(await client.clientImportSource(true), "OK");
        // CLIENT LIST flags an import source with "I".
        assert.match((await client.clientInfo()).flags!, /I/);
        assert.equal(await client.clientImportSource(false), "OK");
        assert.doesNotMatch((await client.clientInfo()).flags!, /I/);
      } finally {
        await client.configSet({ "import-mode": "no" });
      }
    },
  },
  {
    method: "clientKill",
    recordedFrom:
      "redis 7.4.1 and valkey 8.0.1 (MAXAGE, and several IDs refused), and the Valkey 8.1 and 9.0 command reference (several IDs, NAME, NOT-TYPE)",
    exchanges: [
      {
        params: [{ maxage: 3600 }],
        argv: ["CLIENT", "KILL", "MAXAGE", 3600],
        resp3: ":0\r\n",
        result: 0,
      },
      {
        // Valkey 8.0 and Redis take one ID only.
        params: [{ id: [7, 8] }],
        argv: ["CLIENT", "KILL", "ID", 7, 8],
        resp3: "-ERR syntax error\r\n",
        error: /^ERR syntax error/,
      },
      {
        params: [{ id: [7, 8] }],
        argv: ["CLIENT", "KILL", "ID", 7, 8],
        resp3: ":2\r\n",
        result: 2,
      },
      {
        params: [{ name: "worker", not: { type: "pubsub" } }],
        argv: ["CLIENT", "KILL", "NAME", "worker", "NOT-TYPE", "pubsub"],
        resp3: ":1\r\n",
        result: 1,
      },
    ],
    live: async ({ client, server }) => {
      const { name, version } = serverBuild();
      await using victim = await connect({
        port: server.port,
        reconnect: false,
      });
      const id = await victim.clientId();
      if (serverHas({ redis: "7.4.0", valkey: "8.0.0" })) {
        // Connected for less than an hour: spared.
        assert.equal(await client.clientKill({ maxage: 3600, id }), 0);
      } else {
        await assert.rejects(
          client.clientKill({ maxage: 3600 }),
          replyError(/syntax error/),
          `${name} ${version} has no MAXAGE`,
        );
      }
      await using other = await connect({ port: server.port });
      const ids = [id, await other.clientId()];
      if (serverHas({ valkey: "8.1.0" })) {
        assert.equal(await client.clientKill({ id: ids }), 2);
      } else {
        await assert.rejects(
          client.clientKill({ id: ids }),
          replyError(/syntax error/),
        );
      }
      if (serverHas({ valkey: "9.0.0" })) {
        await using named = await connect({
          port: server.port,
          clientName: "kill-by-name",
        });
        assert.equal(await named.ping(), "PONG");
        assert.equal(
          await client.clientKill({
            name: "kill-by-name",
            not: { type: "pubsub" },
          }),
          1,
        );
      } else {
        await assert.rejects(
          client.clientKill({ name: "kill-by-name" }),
          replyError(/syntax error/),
        );
      }
      assert.equal(await client.ping(), "PONG");
    },
  },
  {
    method: "clientList",
    recordedFrom:
      "valkey 8.0.1 and redis 7.4.1 (TYPE primary), and the Valkey 8.1 command reference (USER with MAXAGE)",
    exchanges: [
      {
        params: [{ type: "primary" }],
        argv: ["CLIENT", "LIST", "TYPE", "primary"],
        resp3: "=4\r\ntxt:\r\n",
        resp2: "$0\r\n\r\n",
        result: [],
      },
      {
        params: [{ type: "primary" }],
        argv: ["CLIENT", "LIST", "TYPE", "primary"],
        resp3: "-ERR Unknown client type 'primary'\r\n",
        error: /^ERR Unknown client type 'primary'/,
      },
      {
        params: [{ user: "default", maxage: 1 }],
        argv: ["CLIENT", "LIST", "USER", "default", "MAXAGE", 1],
        resp3:
          "=63\r\ntxt:id=5 addr=127.0.0.1:50000 name=w1 age=9 user=default capa=\n\r\n",
        resp2:
          "$59\r\nid=5 addr=127.0.0.1:50000 name=w1 age=9 user=default capa=\n\r\n",
        result: [{
          id: "5",
          addr: "127.0.0.1:50000",
          name: "w1",
          age: "9",
          user: "default",
          capa: "",
        }],
      },
    ],
    live: async ({ client }) => {
      const id = await client.clientId();
      if (isValkey) {
        assert.deepEqual(await client.clientList({ type: "primary" }), []);
      } else {
        await assert.rejects(
          client.clientList({ type: "primary" }),
          replyError(/Unknown client type/),
        );
      }
      if (serverHas({ valkey: "8.1.0" })) {
        const [me, ...rest] = await client.clientList({
          type: "normal",
          user: "default",
          id: [id],
        });
        assert.equal(me?.id, String(id));
        assert.deepEqual(rest, []);
        assert.ok(
          (await client.clientList({ skipme: true })).every((c) =>
            c.id !== String(id)
          ),
        );
      } else {
        await assert.rejects(
          client.clientList({ type: "normal", id: [id] }),
          ReplyError,
        );
      }
    },
  },
]);
