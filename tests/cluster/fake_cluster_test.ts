/**
 * ClusterRouter against fake cluster nodes scripted byte by byte, for what
 * a real cluster cannot be made to do on cue: malformed and circular
 * MOVED, TRYAGAIN and CLUSTERDOWN storms, a node that never answers, the
 * bytes of an ASK, and nodes that close before or after a command was
 * written.
 */
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  ClusterRouter,
  type ClusterRouterOptions,
} from "../../src/cluster/router.ts";
import { READONLY } from "../../src/_flags.ts";
import { keySlot } from "../../src/cluster/slots.ts";
import { ConnectionClosedError, ReplyError } from "../../src/errors.ts";
import { until } from "../_support.ts";
import {
  bulk,
  type FakeCluster,
  type FakeNode,
  startFakeCluster,
} from "./_fake_cluster.ts";

/** A key whose slot is in `start..end`. */
function keyIn(start: number, end: number, prefix = "k"): string {
  for (let i = 0;; i++) {
    const key = `${prefix}${i}`;
    const slot = keySlot(key);
    if (slot >= start && slot <= end) return key;
  }
}

/** A's slots are 0..8191, B's 8192..16383. */
const KEY_A = keyIn(0, 8191);
const SLOT_A = keySlot(KEY_A);
const KEY_B = keyIn(8192, 16383);

function isGet(command: string[]): boolean {
  return command[0] === "GET";
}

describe("ClusterRouter against fake cluster nodes", () => {
  const fakes: FakeCluster[] = [];
  const routers: ClusterRouter[] = [];

  after(async () => {
    for (const fake of fakes) await fake.close();
    for (const router of routers) await router.close();
  });

  interface Context {
    cluster: FakeCluster;
    router: ClusterRouter;
    a: FakeNode;
    b: FakeNode;
    send(argv: string[], call?: { timeout?: number }): Promise<unknown>;
    /** Stops the fakes first (pending commands settle), then the router. */
    close(): Promise<void>;
  }

  /**
   * Nodes A and B (and any other `names`), and a router over them with no
   * periodic refresh; `seeds` names the nodes it starts from.
   */
  async function open(
    options: Partial<ClusterRouterOptions> = {},
    { names = ["A", "B"], seeds = names }: {
      names?: string[];
      seeds?: string[];
    } = {},
  ): Promise<Context> {
    const cluster = await startFakeCluster(names);
    fakes.push(cluster);
    const router = await ClusterRouter.open({
      seeds: seeds.map((name) => {
        const node = cluster.node(name);
        return { host: node.host, port: node.port };
      }),
      refreshInterval: Infinity,
      minRefreshInterval: 60_000,
      ...options,
    });
    routers.push(router);
    return {
      cluster,
      router,
      a: cluster.node("A"),
      b: cluster.node("B"),
      send: (argv, call) => router.send(argv, undefined, false, call, 0),
      async close() {
        await cluster.close();
        await router.close();
      },
    };
  }

  /** The own property names of Object.prototype, sorted. */
  const prototypeNames = () =>
    Object.getOwnPropertyNames(Object.prototype).sort();

  it("ClusterRouter hands a MOVED with a bad slot or port to the caller as sent, map unchanged", async () => {
    const ctx = await open();
    try {
      const target = `127.0.0.1:${ctx.b.port}`;
      const protoBefore = prototypeNames();
      const mapBefore = ctx.router.map;
      const mapKeys = Reflect.ownKeys(mapBefore);
      const cases = [
        `MOVED abc ${target}`,
        `MOVED 16384 ${target}`,
        `MOVED -1 ${target}`,
        `MOVED 1.5 ${target}`,
        `MOVED __proto__ ${target}`,
        `MOVED constructor ${target}`,
        `MOVED ${SLOT_A} 127.0.0.1:0`,
        `MOVED ${SLOT_A} 127.0.0.1:65536`,
        `MOVED ${SLOT_A} 127.0.0.1:port`,
        `MOVED ${SLOT_A} 127.0.0.1`,
        `MOVED ${SLOT_A}`,
        `ASK __proto__ ${target}`,
        `ASK 16384 ${target}`,
      ];
      for (const text of cases) {
        ctx.a.script = () => `-${text}\r\n`;
        const before = ctx.a.commands("GET").length;
        const error = await ctx.send(["GET", KEY_A]).then(
          () => assert.fail(`${text}: resolved`),
          (error: unknown) => error,
        );
        assert.ok(error instanceof ReplyError, `${text}: ${error}`);
        assert.equal(error.code, text.split(" ")[0], text);
        assert.equal(error.message, `${text} (command "GET")`);
        // Not followed: A got it once, B never.
        assert.equal(ctx.a.commands("GET").length, before + 1, text);
        assert.equal(ctx.b.commands("GET").length, 0, text);
        assert.equal(ctx.router.map, mapBefore, text);
      }
      assert.deepEqual(Reflect.ownKeys(ctx.router.map), mapKeys);
      assert.deepEqual(prototypeNames(), protoBefore);
      assert.equal(Object.getPrototypeOf({}), Object.prototype);
      const probe: Record<string, unknown> = {};
      for (const name of ["abc", "16384", "host", "port", "slot"]) {
        assert.equal(probe[name], undefined, name);
      }
      assert.equal(ctx.router.map.masterOf(SLOT_A)?.port, ctx.a.port);
      // No refresh was asked for either.
      assert.equal(
        ctx.cluster.log.filter((e) => e.command[0] === "CLUSTER")
          .length,
        1,
      );
    } finally {
      await ctx.close();
    }
  });

  it("ClusterRouter opens a new connection to a node that answers MOVED to itself", async () => {
    const ctx = await open();
    try {
      assert.equal(await ctx.send(["GET", KEY_A]), "A");
      const connections = ctx.a.connections;
      let once = true;
      ctx.a.script = (command) => {
        if (!isGet(command)) return "+OK\r\n";
        if (!once) return bulk("fresh");
        once = false;
        return `-MOVED ${SLOT_A} 127.0.0.1:${ctx.a.port}\r\n`;
      };
      assert.equal(await ctx.send(["GET", KEY_A]), "fresh");
      assert.equal(ctx.a.connections, connections + 1);
    } finally {
      await ctx.close();
    }
  });

  it("ClusterRouter sends a write refused with READONLY to the slot's master after a refresh", async () => {
    const ctx = await open({ minRefreshInterval: 0 });
    try {
      // A became a replica of B, which serves A's slots now; A's
      // connection still thinks it may write.
      ctx.a.script = (command) =>
        command[0] === "SET"
          ? "-READONLY You can't write against a read only replica.\r\n"
          : "+OK\r\n";
      ctx.b.script = (
        command,
      ) => (command[0] === "SET" ? "+OK\r\n" : "$-1\r\n");
      ctx.cluster.layout = [{ master: "B", ranges: [[0, 16383]] }];
      assert.equal(await ctx.send(["SET", KEY_A, "v"]), "OK");
      assert.equal(ctx.a.commands("SET").length, 1);
      assert.equal(ctx.b.commands("SET").length, 1);
      assert.equal(ctx.router.map.masterOf(SLOT_A)?.port, ctx.b.port);
    } finally {
      await ctx.close();
    }
  });

  it("ClusterRouter gives up a circular MOVED after maxRedirects with the last MOVED", async () => {
    const ctx = await open({ maxRedirects: 5 });
    try {
      ctx.a.script = () => `-MOVED ${SLOT_A} 127.0.0.1:${ctx.b.port}\r\n`;
      ctx.b.script = () => `-MOVED ${SLOT_A} 127.0.0.1:${ctx.a.port}\r\n`;
      const error = await ctx.send(["GET", KEY_A]).then(
        () => assert.fail("resolved"),
        (error: unknown) => error,
      );
      assert.ok(error instanceof ReplyError, String(error));
      assert.equal(error.code, "MOVED");
      // Attempts 0, 2, 4 to A; 1, 3, 5 to B, whose MOVED is the last.
      assert.equal(
        error.message,
        `MOVED ${SLOT_A} 127.0.0.1:${ctx.a.port} (command "GET")`,
      );
      const gets = ctx.cluster.log.filter((e) => isGet(e.command));
      assert.equal(gets.length, 6);
      assert.deepEqual(gets.map((e) => e.node), ["A", "B", "A", "B", "A", "B"]);
    } finally {
      await ctx.close();
    }
  });

  /** A script answering `error` the first `times` commands, then "done". */
  function storm(node: FakeNode, error: string, times: number): void {
    let count = 0;
    node.script = (command) => {
      if (!isGet(command)) return "+OK\r\n";
      return ++count <= times ? `-${error}\r\n` : bulk("done");
    };
  }

  it("ClusterRouter retries TRYAGAIN until the reply, and gives up after maxRedirects", async () => {
    const ctx = await open({ maxRedirects: 5, minRefreshInterval: 0 });
    try {
      storm(
        ctx.a,
        "TRYAGAIN Multiple keys request during rehashing of slot",
        5,
      );
      assert.equal(await ctx.send(["GET", KEY_A]), "done");
      assert.equal(ctx.a.commands("GET").length, 6);

      storm(
        ctx.a,
        "TRYAGAIN Multiple keys request during rehashing of slot",
        6,
      );
      const first = ctx.cluster.log.length;
      await assert.rejects(ctx.send(["GET", KEY_A]), (error) => {
        assert.ok(error instanceof ReplyError);
        assert.equal(error.code, "TRYAGAIN");
        assert.equal(
          error.message,
          'TRYAGAIN Multiple keys request during rehashing of slot (command "GET")',
        );
        return true;
      });
      const later = ctx.cluster.log.slice(first);
      assert.equal(later.filter((e) => isGet(e.command)).length, 6);
      // TRYAGAIN asks for no refresh.
      assert.equal(later.filter((e) => e.command[0] === "CLUSTER").length, 0);
      assert.equal(ctx.b.commands("GET").length, 0);
    } finally {
      await ctx.close();
    }
  });

  it("ClusterRouter stops retrying TRYAGAIN when the command's timeout has passed, with a TimeoutError", async () => {
    // Retries 10, 20, 50, 100, 200, 400, 400, ... ms apart: far more than
    // maxRedirects allows in time, far fewer within 300 ms.
    const ctx = await open({ maxRedirects: 1000, minRefreshInterval: 0 });
    try {
      storm(
        ctx.a,
        "TRYAGAIN Multiple keys request during rehashing of slot",
        1000,
      );
      await assert.rejects(
        ctx.send(["GET", KEY_A], { timeout: 300 }),
        (error: unknown) =>
          error instanceof DOMException && error.name === "TimeoutError" &&
          error.message === 'Command "GET" timed out after 300 ms',
      );
      // 10 + 20 + 50 + 100 = 180 ms of backoff fit, the next 200 do not.
      assert.equal(ctx.a.commands("GET").length, 5);
    } finally {
      await ctx.close();
    }
  });

  it("ClusterRouter retries CLUSTERDOWN with a refresh until the reply, and gives up after maxRedirects", async () => {
    const ctx = await open({ maxRedirects: 5, minRefreshInterval: 0 });
    try {
      const down = "CLUSTERDOWN The cluster is down";
      for (const [times, ok] of [[5, true], [6, false]] as const) {
        storm(ctx.a, down, times);
        const first = ctx.cluster.log.length;
        const reply = ctx.send(["GET", KEY_A]);
        if (ok) {
          assert.equal(await reply, "done");
        } else {
          await assert.rejects(reply, (error) => {
            assert.ok(error instanceof ReplyError);
            assert.equal(error.code, "CLUSTERDOWN");
            assert.equal(error.message, `${down} (command "GET")`);
            return true;
          });
        }
        const later = () => ctx.cluster.log.slice(first);
        assert.equal(later().filter((e) => isGet(e.command)).length, 6);
        // A refresh was asked for after the first CLUSTERDOWN.
        await until(
          () => later().some((e) => e.command[1] === "SHARDS"),
          "a CLUSTER SHARDS after the CLUSTERDOWN",
          2000,
        );
        const firstGet = later().find((e) => isGet(e.command))!;
        const shards = later().find((e) => e.command[1] === "SHARDS")!;
        assert.ok(shards.seq > firstGet.seq);
      }
      assert.equal(ctx.b.commands("GET").length, 0);
    } finally {
      await ctx.close();
    }
  });

  it("ClusterRouter times a call out on a node that never answers, and other nodes keep answering", async () => {
    const ctx = await open();
    try {
      ctx.a.script = () => undefined;
      const start = performance.now();
      let settled = false;
      const stuck = ctx.send(["GET", KEY_A], { timeout: 200 });
      stuck.then(() => settled = true, () => settled = true);
      await until(() => ctx.a.commands("GET").length === 1, "A got the GET");
      for (let i = 0; i < 5; i++) {
        assert.equal(await ctx.send(["GET", KEY_B]), "B");
      }
      assert.equal(settled, false);
      await assert.rejects(stuck, (error) => {
        assert.ok(error instanceof DOMException, String(error));
        assert.equal(error.name, "TimeoutError");
        return true;
      });
      const elapsed = performance.now() - start;
      assert.ok(elapsed >= 190 && elapsed < 1000, `took ${elapsed} ms`);
      assert.equal(await ctx.send(["GET", KEY_B]), "B");
      assert.equal(ctx.a.commands("GET").length, 1);
      assert.equal(ctx.b.commands("GET").length, 6);
    } finally {
      await ctx.close();
    }
  });

  it("ClusterRouter follows ASK with ASKING and the command back to back, map unchanged", async () => {
    const ctx = await open({ minRefreshInterval: 0 });
    try {
      let asked = false;
      ctx.a.script = () => {
        if (asked) return bulk("A");
        asked = true;
        return `-ASK ${SLOT_A} 127.0.0.1:${ctx.b.port}\r\n`;
      };
      ctx.b.script = (command) =>
        command[0] === "ASKING" ? "+OK\r\n" : bulk("B");
      const mapBefore = ctx.router.map;
      const first = ctx.cluster.log.length;
      assert.equal(await ctx.send(["GET", KEY_A]), "B");
      assert.equal(ctx.router.map, mapBefore);
      const asking = ctx.b.received.findIndex((e) => e.command[0] === "ASKING");
      assert.ok(asking >= 0, "B got no ASKING");
      const next = ctx.b.received[asking + 1];
      assert.deepEqual(next?.command, ["GET", KEY_A]);
      // Consecutive on one connection: nothing in between.
      assert.equal(next?.conn, ctx.b.received[asking]!.conn);
      assert.equal(next?.seq, ctx.b.received[asking]!.seq + 1);
      assert.equal(ctx.b.commands("ASKING").length, 1);
      // ASK is for one command: the next goes to A again.
      assert.equal(await ctx.send(["GET", KEY_A]), "A");
      assert.equal(ctx.router.map, mapBefore);
      // And asks for no refresh.
      assert.equal(
        ctx.cluster.log.slice(first).filter((e) => e.command[0] === "CLUSTER")
          .length,
        0,
      );
    } finally {
      await ctx.close();
    }
  });

  it("ClusterRouter resends a command whose node closed during the handshake where the refresh says", async () => {
    // The router knows A from B's answer only: A's connection opens for
    // the command, and A closes it before answering HELLO.
    const ctx = await open({ minRefreshInterval: 0 }, { seeds: ["B"] });
    try {
      ctx.a.closeAtHandshake = true;
      ctx.cluster.layout = [{ master: "B", ranges: [[0, 16383]] }];
      assert.equal(ctx.router.map.masterOf(SLOT_A)?.port, ctx.a.port);
      assert.equal(await ctx.send(["GET", KEY_A]), "B");
      assert.equal(ctx.router.map.masterOf(SLOT_A)?.port, ctx.b.port);
      // A got connections (the router's, the refresh's), and no command.
      assert.ok(ctx.a.connections >= 1);
      assert.ok(ctx.a.received.every((e) => e.command[0] === "HELLO"));
      assert.deepEqual(ctx.b.commands("GET"), [["GET", KEY_A]]);
    } finally {
      await ctx.close();
    }
  });

  it("ClusterRouter resends a command whose node refuses connections where the refresh says", async () => {
    const ctx = await open({ minRefreshInterval: 0 }, { seeds: ["B"] });
    try {
      await ctx.a.stop();
      ctx.cluster.layout = [{ master: "B", ranges: [[0, 16383]] }];
      assert.equal(await ctx.send(["GET", KEY_A]), "B");
      assert.equal(ctx.router.map.masterOf(SLOT_A)?.port, ctx.b.port);
      assert.equal(ctx.a.connections, 0);
      assert.deepEqual(ctx.b.commands("GET"), [["GET", KEY_A]]);
    } finally {
      await ctx.close();
    }
  });

  it("ClusterRouter lets at most offlineQueueSize commands wait for the topology, and refuses the rest at once", async () => {
    // B is the seed: no connection to A is open when A goes away.
    const ctx = await open({
      minRefreshInterval: 0,
      node: { offlineQueueSize: 2 },
    }, { seeds: ["B"] });
    try {
      await ctx.a.stop();
      // A is gone, and the map still says it serves KEY_A's slot: three
      // commands for it wait for a map that says otherwise; two may.
      const waiting = [1, 2, 3].map((i) =>
        ctx.send(["GET", `{${KEY_A}}:${i}`]).then(
          (value) => value,
          (error: unknown) => error,
        )
      );
      const refused = await Promise.race(waiting);
      assert.ok(refused instanceof ConnectionClosedError, String(refused));
      assert.equal(refused.written, false);
      assert.match(
        refused.message,
        /^Command "GET" cannot wait for the cluster's topology: the offline queue is full \(2 commands wait; see offlineQueueSize\)$/,
      );
      ctx.cluster.layout = [{ master: "B", ranges: [[0, 16383]] }];
      const results = await Promise.all(waiting);
      assert.equal(results.filter((r) => r === "B").length, 2);
    } finally {
      await ctx.close();
    }
  });

  it("ClusterRouter does not resend a command its node closed on after reading it", async () => {
    const ctx = await open({ minRefreshInterval: 0 });
    try {
      ctx.a.script = (_command, conn) => {
        conn.destroy();
        return undefined;
      };
      // Were it resent, the refresh would send it to B.
      ctx.cluster.layout = [{ master: "B", ranges: [[0, 16383]] }];
      const error = await ctx.send(["GET", KEY_A]).then(
        () => assert.fail("resolved"),
        (error: unknown) => error,
      );
      assert.ok(error instanceof ConnectionClosedError, String(error));
      assert.equal(error.written, true);
      assert.deepEqual(ctx.a.commands("GET"), [["GET", KEY_A]]);
      assert.equal(ctx.b.commands("GET").length, 0);
      assert.equal(
        ctx.cluster.log.filter((e) => isGet(e.command)).length,
        1,
      );
    } finally {
      await ctx.close();
    }
  });

  it("ClusterRouter sends a read-only command lost after it was written again with retryReadOnly", async () => {
    const ctx = await open({
      minRefreshInterval: 0,
      node: { retryReadOnly: true },
    });
    try {
      ctx.a.script = (_command, conn) => {
        conn.destroy();
        return undefined;
      };
      ctx.cluster.layout = [{ master: "B", ranges: [[0, 16383]] }];
      // A read (READONLY flag) goes to B after the refresh; a write would not.
      assert.equal(
        await ctx.router.send(
          ["GET", KEY_A],
          undefined,
          false,
          undefined,
          READONLY,
        ),
        "B",
      );
      assert.deepEqual(ctx.a.commands("GET"), [["GET", KEY_A]]);
      assert.deepEqual(ctx.b.commands("GET"), [["GET", KEY_A]]);
    } finally {
      await ctx.close();
    }
  });

  it("ClusterRouter rejects a command waiting to be retried when it closes, without opening a node", async () => {
    const ctx = await open({ maxRedirects: 50 });
    try {
      storm(
        ctx.a,
        "TRYAGAIN Multiple keys request during rehashing of slot",
        1000,
      );
      const tries = () => ctx.a.commands("GET").length;
      const pending = ctx.send(["GET", KEY_A]);
      await until(() => tries() >= 2, "two tries");
      await ctx.router.close();
      await assert.rejects(
        pending,
        (error: unknown) =>
          error instanceof TypeError &&
          error.message === "The cluster client is closed",
      );
      // Nothing more was sent once it closed.
      const sent = tries();
      assert.ok(sent <= 3, String(sent));
    } finally {
      await ctx.close();
    }
  });
});
