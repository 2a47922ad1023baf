/**
 * Tests of the private Redis Sentinel helper itself (`_sentinel.ts`),
 * against real `redis-server` processes.
 */

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import process from "node:process";
import {
  type SentinelNode,
  startSentinel,
  type TestSentinel,
} from "./_sentinel.ts";
import { connectTcp, respCall, respExchange, sleep } from "./_process.ts";

/** Deployment start-up and failovers outlast bun's default 5 s timeout. */
const LONG = { timeout: 60_000 };

/** How long sentinels may take to elect a new master after a crash. */
const ELECTION_BOUND_MS = 15_000;

function resp(...args: string[]): string {
  return `*${args.length}\r\n` +
    args.map((arg) => `$${new TextEncoder().encode(arg).length}\r\n${arg}\r\n`)
      .join("");
}

/** Asserts that no process with these PIDs runs. */
function assertGone(pids: number[]): void {
  for (const pid of pids) {
    assert.throws(() => process.kill(pid, 0), { code: "ESRCH" }, `pid ${pid}`);
  }
}

/** Asserts that every process of `deployment` is gone, and its dir too. */
async function assertStopped(
  deployment: TestSentinel,
  pids: number[],
): Promise<void> {
  assertGone(pids);
  for (const node of [...deployment.dataNodes, ...deployment.sentinels]) {
    assert.equal(node.alive, false);
    await assert.rejects(connectTcp(node.port), { code: "ECONNREFUSED" });
  }
  assert.equal(fs.existsSync(deployment.dir), false);
}

/** Every PID of the deployment's processes now. */
function pidsOf(deployment: TestSentinel): number[] {
  return [...deployment.dataNodes, ...deployment.sentinels].map((n) => n.pid);
}

/** The `SENTINEL MASTER` fields `node` reports. */
async function masterFields(
  deployment: TestSentinel,
  node: SentinelNode,
): Promise<Map<string, string>> {
  const flat = await deployment.command(
    node,
    "SENTINEL",
    "MASTER",
    deployment.name,
  ) as string[];
  const fields = new Map<string, string>();
  for (let i = 0; i + 1 < flat.length; i += 2) {
    fields.set(flat[i]!, flat[i + 1]!);
  }
  return fields;
}

/** The ports in a `SENTINEL REPLICAS`/`SENTINELS` reply, sorted. */
function portsOf(entries: unknown): number[] {
  return (entries as string[][]).map((flat) =>
    Number(flat[flat.indexOf("port") + 1])
  ).sort((a, b) => a - b);
}

function sortedPorts(nodes: SentinelNode[]): number[] {
  return nodes.map((n) => n.port).sort((a, b) => a - b);
}

describe("startSentinel (1 master, 2 replicas, 3 sentinels)", () => {
  let deployment: TestSentinel;
  /** Every PID the deployment ever had, for the last test. */
  const allPids = new Set<number>();
  const remember = () => pidsOf(deployment).forEach((p) => allPids.add(p));

  before(async () => {
    deployment = await startSentinel();
    remember();
  }, LONG);
  after(async () => {
    await deployment?.stop();
  });

  it("starts a master, 2 replicas and 3 sentinels that agree", async () => {
    const { dataNodes, sentinels } = deployment;
    assert.equal(deployment.name, "mymaster");
    assert.equal(dataNodes.length, 3);
    assert.equal(sentinels.length, 3);
    const master = deployment.master();
    assert.equal(master, dataNodes[0]);
    assert.deepEqual(deployment.replicas(), dataNodes.slice(1));
    assert.deepEqual(
      deployment.sentinelUrls,
      sentinels.map((s) => `redis://127.0.0.1:${s.port}`),
    );
    const ports = new Set([...dataNodes, ...sentinels].map((n) => n.port));
    assert.equal(ports.size, 6);
    for (const node of [...dataNodes, ...sentinels]) {
      assert.equal(node.host, "127.0.0.1");
      assert.notEqual(node.port, 6379);
      assert.equal(node.url, `redis://127.0.0.1:${node.port}`);
      assert.ok(node.alive && node.pid > 0);
      assert.ok(fs.existsSync(node.configFile), node.configFile);
      assert.ok(node.configFile.startsWith(node.dir));
      assert.ok(node.dir.startsWith(deployment.dir));
    }
    assert.equal(master.role, "master");
    assert.equal(await deployment.role(master), "master");
    for (const replica of deployment.replicas()) {
      assert.equal(replica.role, "replica");
      assert.equal(await deployment.role(replica), "slave");
      const [, , port, state] = await deployment.command(
        replica,
        "ROLE",
      ) as unknown[];
      assert.equal(port, master.port);
      assert.equal(state, "connected");
    }
    for (const sentinel of sentinels) {
      assert.equal(sentinel.role, "sentinel");
      assert.equal(await deployment.role(sentinel), "sentinel");
      assert.deepEqual(
        await deployment.command(
          sentinel,
          "SENTINEL",
          "GET-MASTER-ADDR-BY-NAME",
          "mymaster",
        ),
        ["127.0.0.1", String(master.port)],
      );
      const fields = await masterFields(deployment, sentinel);
      assert.equal(fields.get("flags"), "master");
      assert.equal(fields.get("quorum"), "2");
      assert.equal(fields.get("down-after-milliseconds"), "1500");
      assert.equal(fields.get("failover-timeout"), "1000");
      assert.equal(fields.get("parallel-syncs"), "1");
      assert.equal(fields.get("num-slaves"), "2");
      assert.equal(fields.get("num-other-sentinels"), "2");
      assert.deepEqual(
        portsOf(
          await deployment.command(
            sentinel,
            "SENTINEL",
            "REPLICAS",
            "mymaster",
          ),
        ),
        sortedPorts(deployment.replicas()),
      );
      const others = await deployment.command(
        sentinel,
        "SENTINEL",
        "SENTINELS",
        "mymaster",
      ) as string[][];
      assert.deepEqual(
        portsOf(others),
        sortedPorts(sentinels.filter((s) => s !== sentinel)),
      );
      for (const other of others) {
        assert.equal(other[other.indexOf("ip") + 1], "127.0.0.1");
        assert.equal(other[other.indexOf("flags") + 1], "sentinel");
      }
      // Sentinels rewrite their config file.
      const conf = fs.readFileSync(sentinel.configFile, "utf8");
      assert.match(conf, /^sentinel myid [0-9a-f]{40}$/m);
      assert.match(
        conf,
        new RegExp(
          `^sentinel monitor mymaster 127\\.0\\.0\\.1 ${master.port} 2$`,
          "m",
        ),
      );
    }
    assert.match(await deployment.cli(sentinels[0]!, "PING"), /^PONG$/);
  });

  it("keeps other deployments' sentinels and replicas out", async () => {
    const master = deployment.master();
    const replica = deployment.replicas()[0]!;
    const sentinel = deployment.sentinels[0]!;
    // The default user may do what clients do...
    assert.equal(await respCall({ port: master.port }, "SET", "x", "1"), "OK");
    assert.equal(await respCall({ port: master.port }, "PUBLISH", "c", "m"), 0);
    assert.deepEqual(
      await respCall(
        { port: sentinel.port },
        "SENTINEL",
        "GET-MASTER-ADDR-BY-NAME",
        "mymaster",
      ),
      ["127.0.0.1", String(master.port)],
    );
    // ...but not reconfigure, sync, or talk like a sentinel.
    for (
      const [node, args] of [
        [master, ["REPLICAOF", "127.0.0.1", String(replica.port)]],
        [replica, ["SLAVEOF", "NO", "ONE"]],
        [master, ["PSYNC", "?", "-1"]],
        [sentinel, ["PUBLISH", "__sentinel__:hello", "x"]],
        [sentinel, [
          "SENTINEL",
          "IS-MASTER-DOWN-BY-ADDR",
          "127.0.0.1",
          String(master.port),
          "0",
          "*",
        ]],
      ] as const
    ) {
      await assert.rejects(
        respCall({ port: node.port }, ...args),
        /NOPERM/,
        args.join(" "),
      );
    }
    assert.equal(await deployment.role(replica), "slave");
  });

  it("replicates writes from the master", async () => {
    const master = deployment.master();
    assert.equal(await deployment.command(master, "SET", "k", "v"), "OK");
    assert.equal(await deployment.command(master, "WAIT", "2", "5000"), 2);
    for (const replica of deployment.replicas()) {
      assert.equal(await deployment.command(replica, "GET", "k"), "v");
    }
  });

  it(
    "failover() moves the master; the old master follows the new one",
    LONG,
    async () => {
      const old = deployment.master();
      const oldReplicas = deployment.replicas();
      // A client's view: +switch-master on a sentinel.
      const watcher = await connectTcp(deployment.sentinels[2]!.port);
      let published = "";
      watcher.on("data", (chunk: Uint8Array) => {
        published += new TextDecoder().decode(chunk);
      });
      watcher.write(resp("SUBSCRIBE", "+switch-master"));
      try {
        while (!published.includes("+switch-master")) await sleep(10);

        const { from, to } = await deployment.failover();
        assert.equal(from, old);
        assert.ok(oldReplicas.includes(to));
        assert.equal(deployment.master(), to);
        assert.equal(to.role, "master");
        assert.equal(from.role, "replica");
        assert.deepEqual(
          sortedPorts(deployment.replicas()),
          sortedPorts(deployment.dataNodes.filter((n) => n !== to)),
        );
        assert.equal(await deployment.role(to), "master");
        for (const replica of deployment.replicas()) {
          const [role, host, port, state] = await deployment.command(
            replica,
            "ROLE",
          ) as unknown[];
          assert.deepEqual([role, host, port, state], [
            "slave",
            "127.0.0.1",
            to.port,
            "connected",
          ], `ROLE of :${replica.port}`);
        }
        for (const sentinel of deployment.sentinels) {
          assert.deepEqual(
            await deployment.command(
              sentinel,
              "SENTINEL",
              "GET-MASTER-ADDR-BY-NAME",
              "mymaster",
            ),
            ["127.0.0.1", String(to.port)],
          );
        }
        assert.equal(await deployment.command(to, "GET", "k"), "v");
        const message = `mymaster 127.0.0.1 ${from.port} 127.0.0.1 ${to.port}`;
        for (let i = 0; i < 200 && !published.includes(message); i++) {
          await sleep(10);
        }
        assert.ok(published.includes(message), published);
      } finally {
        watcher.destroy();
      }
    },
  );

  it(
    `kill() the master: a new one is elected within ${ELECTION_BOUND_MS} ms; restart() brings it back as a replica`,
    LONG,
    async () => {
      const old = deployment.master();
      const pid = old.pid;
      await deployment.kill(old);
      assert.equal(old.alive, false);
      assertGone([pid]);
      await assert.rejects(connectTcp(old.port), { code: "ECONNREFUSED" });
      const started = Date.now();
      const elected = await deployment.waitForMaster(
        undefined,
        ELECTION_BOUND_MS,
      );
      assert.ok(Date.now() - started < ELECTION_BOUND_MS);
      assert.notEqual(elected, old);
      assert.equal(deployment.master(), elected);
      assert.equal(await deployment.role(elected), "master");
      assert.ok(!deployment.replicas().includes(old));

      await deployment.restart(old);
      remember();
      assert.equal(old.alive, true);
      assert.notEqual(old.pid, pid);
      assert.equal(old.role, "replica");
      assert.equal(deployment.master(), elected);
      const [role, , port, state] = await deployment.command(
        old,
        "ROLE",
      ) as unknown[];
      assert.deepEqual([role, port, state], [
        "slave",
        elected.port,
        "connected",
      ]);
      assert.ok(deployment.replicas().includes(old));
    },
  );

  it("kill() and restart() a replica", LONG, async () => {
    const master = deployment.master();
    const replica = deployment.replicas()[0]!;
    const pid = replica.pid;
    await deployment.kill(replica);
    assertGone([pid]);
    assert.ok(!deployment.replicas().includes(replica));
    // A replica down changes nothing about the master.
    assert.equal(await deployment.waitForMaster(master), master);
    await deployment.restart(replica);
    remember();
    assert.notEqual(replica.pid, pid);
    assert.equal(await deployment.role(replica), "slave");
    assert.equal(deployment.master(), master);
    assert.equal(deployment.replicas().length, 2);
  });

  it(
    "stopSentinel() and startSentinel(): one sentinel down, then all",
    LONG,
    async () => {
      const master = deployment.master();
      const [first, second, third] = deployment.sentinels as [
        SentinelNode,
        SentinelNode,
        SentinelNode,
      ];
      const id = await deployment.command(second, "SENTINEL", "MYID");
      const pid = second.pid;
      await deployment.stopSentinel(second);
      assert.equal(second.alive, false);
      assertGone([pid]);
      await assert.rejects(connectTcp(second.port), { code: "ECONNREFUSED" });
      // The other two still agree.
      assert.equal(await deployment.waitForMaster(), master);
      await deployment.startSentinel(second);
      remember();
      assert.equal(second.alive, true);
      assert.notEqual(second.pid, pid);
      assert.equal(await deployment.command(second, "SENTINEL", "MYID"), id);
      assert.deepEqual(
        await deployment.command(
          second,
          "SENTINEL",
          "GET-MASTER-ADDR-BY-NAME",
          "mymaster",
        ),
        ["127.0.0.1", String(master.port)],
      );
      await assert.rejects(deployment.startSentinel(second), /is running/);
      await assert.rejects(deployment.stopSentinel(master), /not a sentinel/);

      // All down: nobody to ask, but the data nodes still serve.
      await Promise.all(
        [first, second, third].map((s) => deployment.stopSentinel(s)),
      );
      await assert.rejects(deployment.waitForMaster(), /no live sentinel/);
      assert.equal(await deployment.command(master, "PING"), "PONG");
      for (const sentinel of [first, second, third]) {
        await assert.rejects(connectTcp(sentinel.port), {
          code: "ECONNREFUSED",
        });
      }
      await Promise.all(
        [first, second, third].map((s) => deployment.startSentinel(s)),
      );
      remember();
      assert.equal(await deployment.waitForMaster(master), master);
    },
  );

  it("stop() ends every process and removes the dir", async () => {
    remember();
    await deployment.stop();
    await deployment.stop(); // idempotent
    await assertStopped(deployment, [...allPids]);
    await assert.rejects(deployment.failover(), /stopped/);
  });
});

describe("startSentinel (password, ACL user on the sentinels)", () => {
  const user = { username: "app", password: "app-secret" };
  let deployment: TestSentinel;
  before(async () => {
    deployment = await startSentinel({
      replicas: 1,
      password: "data-secret",
      sentinelUser: user,
    });
  }, LONG);
  after(async () => {
    await deployment?.stop();
  });

  it("data nodes want the password", async () => {
    const master = deployment.master();
    await assert.rejects(respCall({ port: master.port }, "PING"), /NOAUTH/);
    await assert.rejects(
      respCall({ port: master.port, password: "wrong" }, "PING"),
      /WRONGPASS/,
    );
    assert.equal(
      await respCall({ port: master.port, password: "data-secret" }, "PING"),
      "PONG",
    );
    assert.equal(await deployment.command(master, "PING"), "PONG");
    assert.equal(await deployment.cli(master, "PING"), "PONG");
  });

  it("sentinels refuse clients without auth or with a wrong password", async () => {
    for (const sentinel of deployment.sentinels) {
      await assert.rejects(
        respCall(
          { port: sentinel.port },
          "SENTINEL",
          "GET-MASTER-ADDR-BY-NAME",
          "mymaster",
        ),
        /NOAUTH/,
      );
      await assert.rejects(
        respCall({ ...user, port: sentinel.port, password: "wrong" }, "PING"),
        /WRONGPASS/,
      );
      // The default user is off.
      await assert.rejects(
        respCall({ port: sentinel.port, password: "app-secret" }, "PING"),
        /WRONGPASS/,
      );
    }
  });

  it("the ACL user can do what a client needs, and no more", async () => {
    const master = deployment.master();
    const sentinel = deployment.sentinels[1]!;
    const [ping, address, replicas, sentinels, role, hello, name, sub] =
      await respExchange({ ...user, port: sentinel.port }, [
        ["PING"],
        ["SENTINEL", "GET-MASTER-ADDR-BY-NAME", "mymaster"],
        ["SENTINEL", "REPLICAS", "mymaster"],
        ["SENTINEL", "SENTINELS", "mymaster"],
        ["ROLE"],
        ["HELLO", "2"],
        ["CLIENT", "SETNAME", "app"],
        ["SUBSCRIBE", "+switch-master"],
      ]);
    assert.equal(ping, "PONG");
    assert.deepEqual(address, ["127.0.0.1", String(master.port)]);
    assert.deepEqual(portsOf(replicas), sortedPorts(deployment.replicas()));
    assert.equal((sentinels as unknown[]).length, 2);
    assert.deepEqual(role, ["sentinel", ["mymaster"]]);
    assert.ok(Array.isArray(hello) && hello.includes("sentinel"), `${hello}`);
    assert.equal(name, "OK");
    assert.deepEqual(sub, ["subscribe", "+switch-master", 1]);
    for (
      const command of [
        ["SENTINEL", "FAILOVER", "mymaster"],
        ["SENTINEL", "SET", "mymaster", "quorum", "1"],
        ["INFO"],
      ]
    ) {
      await assert.rejects(
        respCall({ ...user, port: sentinel.port }, ...command),
        /NOPERM/,
      );
    }
  });

  it("failover() works with auth everywhere", LONG, async () => {
    const { from, to } = await deployment.failover();
    assert.notEqual(from, to);
    assert.equal(await deployment.role(to), "master");
    // The old master syncs from the new one with --masterauth.
    const [role, , port, state] = await deployment.command(
      from,
      "ROLE",
    ) as unknown[];
    assert.deepEqual([role, port, state], ["slave", to.port, "connected"]);
  });

  it("stop() ends every process and removes the dir", async () => {
    const pids = pidsOf(deployment);
    await deployment.stop();
    await assertStopped(deployment, pids);
  });
});

describe("startSentinel (sentinelPassword; 1 sentinel, no replicas)", () => {
  let deployment: TestSentinel;
  before(async () => {
    deployment = await startSentinel({
      replicas: 0,
      sentinels: 1,
      quorum: 1,
      name: "solo",
      sentinelPassword: "sentinel-secret",
    });
  }, LONG);
  after(async () => {
    await deployment?.stop();
  });

  it("serves a lone master behind a sentinel with a password", async () => {
    const [master, ...more] = deployment.dataNodes;
    assert.deepEqual(more, []);
    assert.equal(deployment.master(), master);
    assert.deepEqual(deployment.replicas(), []);
    const [sentinel] = deployment.sentinels;
    const port = sentinel!.port;
    const ask = ["SENTINEL", "GET-MASTER-ADDR-BY-NAME", "solo"];
    await assert.rejects(respCall({ port }, ...ask), /NOAUTH/);
    await assert.rejects(
      respCall({ port, password: "wrong" }, ...ask),
      /WRONGPASS/,
    );
    assert.deepEqual(
      await respCall({ port, password: "sentinel-secret" }, ...ask),
      ["127.0.0.1", String(master!.port)],
    );
    assert.equal(await deployment.command(master!, "PING"), "PONG");
    assert.equal(await deployment.waitForMaster(master), master);
    await assert.rejects(deployment.failover(), /no live replica/);
  });

  it("stop() ends every process and removes the dir", async () => {
    const pids = pidsOf(deployment);
    await deployment.stop();
    await assertStopped(deployment, pids);
  });
});

describe("startSentinel failures", () => {
  it("rejects nonsense options", async () => {
    await assert.rejects(startSentinel({ replicas: -1 }), RangeError);
    await assert.rejects(startSentinel({ sentinels: 0 }), RangeError);
    await assert.rejects(startSentinel({ quorum: 4 }), RangeError);
    await assert.rejects(startSentinel({ name: "my master" }), RangeError);
    await assert.rejects(
      startSentinel({ sentinelUser: { username: "default", password: "x" } }),
      RangeError,
    );
  });

  it("reports a data node that cannot start, with its log", LONG, async () => {
    await assert.rejects(
      startSentinel({ replicas: 0, args: ["--no-such-option", "1"] }),
      /could not start the sentinel deployment[\s\S]*no-such-option/,
    );
  });

  it("reports a sentinel that cannot start, with its log", LONG, async () => {
    await assert.rejects(
      startSentinel({
        replicas: 0,
        sentinels: 1,
        quorum: 1,
        sentinelConfig: ["sentinel no-such-option yes"],
      }),
      /could not start the sentinel deployment[\s\S]*no-such-option/,
    );
  });
});
