/**
 * connectSentinel against byte-scripted fake sentinels in front of real
 * data nodes (a master and its replica): what real sentinels do not do on
 * demand. A sentinel that names the replica as the master (the ROLE check
 * catches it, and the client asks again), a sentinel that does not know
 * the group, sentinels that are all down (a clear error), and the
 * options' checks.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { connectSentinel } from "../../src/sentinel/client.ts";
import { connect } from "../../src/client.ts";
import { ReplyError } from "../../src/errors.ts";
import { SentinelError } from "../../src/sentinel/resolver.ts";
import {
  type FakeConnection,
  type FakeServer,
  handshake,
  startFakeServer,
} from "../_fake_server.ts";
import { startServer, type TestServer } from "../_server.ts";
import { until } from "../_support.ts";

function bulk(text: string): string {
  return `$${new TextEncoder().encode(text).length}\r\n${text}\r\n`;
}

/**
 * A fake sentinel: answers `SENTINEL GET-MASTER-ADDR-BY-NAME` with what
 * `master()` returns (a port, or null), `SENTINEL SENTINELS` with none,
 * `SUBSCRIBE` with its confirmation, and counts the questions.
 */
async function fakeSentinel(
  master: () => number | null,
): Promise<{ server: FakeServer; asked: () => number }> {
  const server = await startFakeServer();
  let asked = 0;
  const serve = async (conn: FakeConnection) => {
    await handshake(conn);
    for (;;) {
      const [command] = await conn.readCommands(1);
      const name = `${command?.[0]} ${command?.[1] ?? ""}`.toUpperCase();
      if (name === "SENTINEL GET-MASTER-ADDR-BY-NAME") {
        asked++;
        const port = master();
        await conn.write(
          port === null
            ? "_\r\n"
            : `*2\r\n${bulk("127.0.0.1")}${bulk(String(port))}`,
        );
      } else if (name.startsWith("SENTINEL SENTINELS")) {
        await conn.write("*0\r\n");
      } else if (command?.[0]?.toUpperCase() === "SUBSCRIBE") {
        await conn.write(
          `>3\r\n${bulk("subscribe")}${bulk(command[1] ?? "")}:1\r\n`,
        );
      } else if (command?.[0]?.toUpperCase() === "PING") {
        await conn.write("+PONG\r\n");
      } else {
        await conn.write(`-ERR fake sentinel: ${command?.[0]}\r\n`);
      }
    }
  };
  (async () => {
    for (;;) {
      const conn = await server.accept();
      serve(conn).catch(() => conn.destroy());
    }
  })().catch(() => {});
  return { server, asked: () => asked };
}

describe("connectSentinel against fake sentinels", () => {
  let master: TestServer;
  let replica: TestServer;
  const fakes: FakeServer[] = [];

  before(async () => {
    master = await startServer();
    replica = await startServer({
      args: ["--replicaof", "127.0.0.1", String(master.port)],
    });
  });

  after(async () => {
    await Promise.all(fakes.map((fake) => fake.close()));
    await replica?.stop();
    await master?.stop();
  });

  it("connectSentinel asks again when the node a sentinel names fails its ROLE check", async () => {
    // The first answer is stale: it names the replica.
    const answers = [replica.port, master.port];
    const fake = await fakeSentinel(() => answers.shift() ?? master.port);
    fakes.push(fake.server);
    const client = await connectSentinel({
      sentinels: [fake.server.url],
      name: "mymaster",
      followSwitchMaster: false,
    });
    try {
      assert.equal((await client.role()).role, "master");
      // Asked again after the failed check (and once more to move any
      // other connection of the client).
      assert.ok(fake.asked() >= 2, String(fake.asked()));
    } finally {
      await client.close();
    }
  });

  it("connectSentinel gives up with a SentinelError when every answer fails the ROLE check", async () => {
    const fake = await fakeSentinel(() => replica.port);
    fakes.push(fake.server);
    await assert.rejects(
      connectSentinel({
        sentinels: [fake.server.url],
        name: "mymaster",
        followSwitchMaster: false,
      }),
      (error: unknown) =>
        error instanceof SentinelError &&
        error.message ===
          'The node the sentinels gave for "mymaster" is a replica, not a master',
    );
    // Five connection attempts, each asking.
    assert.ok(fake.asked() >= 5, String(fake.asked()));
  });

  it("connectSentinel skips a sentinel that does not know the group, and one that is down", async () => {
    const unknowing = await fakeSentinel(() => null);
    const knowing = await fakeSentinel(() => master.port);
    const down = await startFakeServer();
    const downUrl = down.url;
    await down.close();
    fakes.push(unknowing.server, knowing.server);
    const client = await connectSentinel({
      sentinels: [downUrl, unknowing.server.url, knowing.server.url],
      name: "mymaster",
      followSwitchMaster: false,
    });
    try {
      assert.equal(await client.ping(), "PONG");
      assert.equal(unknowing.asked(), 1);
      assert.equal(knowing.asked(), 1);
    } finally {
      await client.close();
    }
  });

  it("connectSentinel rejects with a SentinelError naming every sentinel when none answers", async () => {
    const downs = await Promise.all([startFakeServer(), startFakeServer()]);
    const urls = downs.map((down) => down.url);
    await Promise.all(downs.map((down) => down.close()));
    await assert.rejects(
      connectSentinel({ sentinels: urls, name: "mymaster" }),
      (error: unknown) =>
        error instanceof SentinelError &&
        error.message.startsWith(
          `No sentinel answered for the master group "mymaster" (tried "127.0.0.1:${
            downs[0]!.port
          }", "127.0.0.1:${downs[1]!.port}")`,
        ),
    );
  });

  it("connectSentinel refuses bad options with a TypeError", async () => {
    const cases: [unknown, string][] = [
      [{ name: "m" }, 'Invalid option "sentinels"'],
      [{ sentinels: [], name: "m" }, 'Invalid option "sentinels"'],
      [{ sentinels: ["redis://h:1"] }, 'Invalid option "name"'],
      [
        { sentinels: ["redis://h:1"], name: "m", role: "primary" },
        'Invalid option "role" "primary"',
      ],
      [
        { sentinels: ["redis://h:1"], name: "m", port: 6379 },
        'Invalid option "port"',
      ],
      [
        { sentinels: ["redis://h:1"], name: "m", sentinelTimeout: 0 },
        'Invalid option "sentinelTimeout" "0"',
      ],
    ];
    for (const [options, start] of cases) {
      await assert.rejects(
        connectSentinel(options as Parameters<typeof connectSentinel>[0]),
        (error: unknown) =>
          error instanceof TypeError && error.message.startsWith(start),
        start,
      );
    }
  });
  it("a Sentinel client moves to the master the sentinels name after a READONLY reply (last: it swaps the roles)", async () => {
    let target = master.port;
    const fake = await fakeSentinel(() => target);
    fakes.push(fake.server);
    const client = await connectSentinel({
      sentinels: [fake.server.url],
      name: "mymaster",
      followSwitchMaster: false,
    });
    const moves: string[] = [];
    client.addEventListener("failover", (event) => {
      moves.push(`${event.from} -> ${event.to}`);
    });
    const oldMaster = await connect({ port: master.port, reconnect: false });
    const newMaster = await connect({ port: replica.port, reconnect: false });
    try {
      assert.equal(await client.set("k", "before"), "OK");
      // The roles swap behind the client's back, and the sentinel knows.
      await newMaster.sendCommand(["REPLICAOF", "NO", "ONE"]);
      await oldMaster.sendCommand([
        "REPLICAOF",
        "127.0.0.1",
        String(replica.port),
      ]);
      target = replica.port;
      // The old master refuses the write: READONLY reaches the caller and
      // makes the client ask the sentinels, then move.
      await assert.rejects(
        client.set("k", "refused"),
        (error: unknown) =>
          error instanceof ReplyError && error.code === "READONLY",
      );
      await until(
        async () => (await client.set("k", "after").catch(() => "")) === "OK",
        "a write on the new master",
      );
      assert.equal(await newMaster.get("k"), "after");
      assert.deepEqual(moves, [
        `127.0.0.1:${master.port} -> 127.0.0.1:${replica.port}`,
      ]);
    } finally {
      await client.close();
      await oldMaster.close();
      await newMaster.close();
    }
  });
});
