/**
 * connectSentinel against real sentinels: replicas (healthy ones only, the
 * master when none is), a sentinel down, every sentinel down (a clear
 * error, then recovery when they return), and sentinel ACL credentials
 * apart from the data nodes' password.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { connectSentinel } from "../../src/sentinel/client.ts";
import { SentinelError } from "../../src/sentinel/resolver.ts";
import { startSentinel, type TestSentinel } from "../_sentinel.ts";
import { runExample, uniqueKey, until } from "../_support.ts";

describe("connectSentinel", () => {
  let deployment: TestSentinel;

  before(async () => {
    deployment = await startSentinel();
  });

  after(async () => {
    await deployment?.stop();
  });

  /** The flags of each replica (by port), as the first sentinel sees it. */
  async function replicaFlags(): Promise<Map<number, string>> {
    const replicas = await deployment.command(
      deployment.sentinels[0]!,
      "SENTINEL",
      "REPLICAS",
      deployment.name,
    ) as unknown[][];
    return new Map(replicas.map((fields) => [
      Number(fields[fields.indexOf("port") + 1]),
      String(fields[fields.indexOf("flags") + 1]),
    ]));
  }

  it("connectSentinel reaches the master, and with role replica one of its replicas", async () => {
    await using master = await connectSentinel({
      sentinels: deployment.sentinelUrls,
      name: deployment.name,
    });
    await using replica = await connectSentinel({
      sentinels: deployment.sentinelUrls,
      name: deployment.name,
      role: "replica",
    });
    const key = uniqueKey("sentinel");
    assert.equal(await master.set(key, "v"), "OK");
    assert.equal((await master.role()).role, "master");
    assert.equal((await replica.role()).role, "slave");
    await until(async () => (await replica.get(key)) === "v", "replication");
    const ports = deployment.replicas().map((node) => node.port);
    const info = String(await replica.info("server"));
    const port = Number(/tcp_port:(\d+)/.exec(info)?.[1]);
    assert.ok(ports.includes(port), `${port} in ${ports}`);
  });

  it("examples/sentinel.ts runs against the deployment", async () => {
    const result = await runExample("sentinel.ts", [
      deployment.name,
      ...deployment.sentinelUrls,
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /connected to the master of mymaster/);
    assert.match(result.stdout, /replica role -> slave/);
    assert.match(result.stdout, /message -> hello, subscribers/);
  });

  it("a Sentinel client follows a failover through sentinels it learned, and its duplicate() after it closed", async () => {
    // Given one sentinel, it learns the others from it.
    const [only, ...others] = deployment.sentinels;
    const client = await connectSentinel({
      sentinels: [only!.url],
      name: deployment.name,
    });
    const copy = await client.duplicate();
    await client.close();
    try {
      await deployment.stopSentinel(only!);
      assert.ok(others.every((sentinel) => sentinel.alive));
      const { to } = await deployment.failover();
      await until(
        async () => (await copy.set("k", "v").catch(() => "")) === "OK",
        "a write through the duplicate on the new master",
      );
      const info = String(await copy.info("server"));
      assert.equal(Number(/tcp_port:(\d+)/.exec(info)?.[1]), to.port);
    } finally {
      await copy.close();
      await deployment.startSentinel(only!);
    }
  });

  it("connectSentinel with role replica skips a replica the sentinels flag down, and falls back to the master when none is up", async () => {
    const [first, second] = deployment.replicas();
    await deployment.kill(first!);
    await until(
      async () =>
        (await replicaFlags()).get(first!.port)?.includes("s_down") === true,
      "the sentinels to flag the killed replica down",
    );
    for (let i = 0; i < 5; i++) {
      await using replica = await connectSentinel({
        sentinels: deployment.sentinelUrls,
        name: deployment.name,
        role: "replica",
      });
      const info = String(await replica.info("server"));
      assert.equal(Number(/tcp_port:(\d+)/.exec(info)?.[1]), second!.port);
    }
    await deployment.kill(second!);
    await until(
      async () =>
        [...(await replicaFlags()).values()].every((flags) =>
          flags.includes("s_down")
        ),
      "the sentinels to flag both replicas down",
    );
    await using fallback = await connectSentinel({
      sentinels: deployment.sentinelUrls,
      name: deployment.name,
      role: "replica",
    });
    assert.equal((await fallback.role()).role, "master");
    await deployment.restart(first!);
    await deployment.restart(second!);
  });

  it("connectSentinel goes past a sentinel that is down, and fails clearly when all are, then recovers", async () => {
    const [firstSentinel] = deployment.sentinels;
    await deployment.stopSentinel(firstSentinel!);
    {
      await using client = await connectSentinel({
        sentinels: deployment.sentinelUrls,
        name: deployment.name,
      });
      assert.equal(await client.ping(), "PONG");
    }
    // A client made now keeps working while no sentinel is up.
    const client = await connectSentinel({
      sentinels: deployment.sentinelUrls,
      name: deployment.name,
    });
    try {
      for (const sentinel of deployment.sentinels.slice(1)) {
        await deployment.stopSentinel(sentinel);
      }
      await assert.rejects(
        connectSentinel({
          sentinels: deployment.sentinelUrls,
          name: deployment.name,
        }),
        (error: unknown) =>
          error instanceof SentinelError &&
          error.message.startsWith(
            `No sentinel answered for the master group "${deployment.name}"`,
          ),
      );
      assert.equal(await client.ping(), "PONG");
      for (const sentinel of deployment.sentinels) {
        await deployment.startSentinel(sentinel);
      }
      await deployment.waitForMaster();
      // Back: new clients connect, and the old one follows a failover.
      await using again = await connectSentinel({
        sentinels: deployment.sentinelUrls,
        name: deployment.name,
      });
      assert.equal(await again.ping(), "PONG");
      const moved = new Promise<string | undefined>((resolve) =>
        client.addEventListener("failover", (event) => resolve(event.to), {
          once: true,
        })
      );
      const { to } = await deployment.failover();
      assert.equal(await moved, `127.0.0.1:${to.port}`);
      await until(
        async () => (await client.set("k", "v").catch(() => "")) === "OK",
        "a write on the new master",
      );
      assert.equal((await client.role()).role, "master");
    } finally {
      await client.close();
    }
  });
});

describe("connectSentinel with sentinel ACL credentials", () => {
  let deployment: TestSentinel;
  const sentinelUser = { username: "watcher", password: "sentinel-secret" };

  before(async () => {
    deployment = await startSentinel({
      replicas: 1,
      password: "data-secret",
      sentinelUser,
    });
  });

  after(async () => {
    await deployment?.stop();
  });

  it("connectSentinel authenticates to the sentinels and to the data nodes with their own credentials", async () => {
    await using client = await connectSentinel({
      sentinels: deployment.sentinelUrls,
      name: deployment.name,
      sentinelUsername: sentinelUser.username,
      sentinelPassword: sentinelUser.password,
      password: "data-secret",
    });
    assert.equal(await client.set(uniqueKey("acl"), "v"), "OK");
    // Printed, it names the group, and neither password.
    const shown = inspect(client);
    assert.match(shown, /address: "mymaster \(master via Sentinel\)"/);
    assert.ok(!shown.includes("secret"), shown);
    // The sentinels' credentials in their URLs work too.
    await using viaUrl = await connectSentinel({
      sentinels: deployment.sentinels.map((s) =>
        `redis://${sentinelUser.username}:${sentinelUser.password}@127.0.0.1:${s.port}`
      ),
      name: deployment.name,
      password: "data-secret",
    });
    assert.equal(await viaUrl.ping(), "PONG");
  });

  it("connectSentinel fails with a SentinelError on wrong sentinel credentials, and on the data nodes' with their error", async () => {
    await assert.rejects(
      connectSentinel({
        sentinels: deployment.sentinelUrls,
        name: deployment.name,
        sentinelUsername: sentinelUser.username,
        sentinelPassword: "wrong",
        password: "data-secret",
      }),
      (error: unknown) =>
        error instanceof SentinelError && /WRONGPASS/.test(error.message) &&
        !error.message.includes("wrong"),
    );
    await assert.rejects(
      connectSentinel({
        sentinels: deployment.sentinelUrls,
        name: deployment.name,
        sentinelUsername: sentinelUser.username,
        sentinelPassword: sentinelUser.password,
        password: "not-the-data-password",
      }),
      (error: unknown) =>
        error instanceof Error && /WRONGPASS/.test(error.message) &&
        !error.message.includes("not-the-data-password"),
    );
  });
});
