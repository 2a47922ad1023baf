/**
 * The Cloudflare Workers transport in the real runtime: the test Worker
 * (`worker.ts`), bundled as wrangler would bundle it, runs in workerd
 * against a private redis-server, one scenario per request.
 *
 * Run with `deno test -A tests/workers/`. Needs the tools of
 * `.tools/package.json` (`npm install --prefix .tools`).
 *
 * @module
 */

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { connect, type RedisClient } from "../../mod.ts";
import { startServer, type TestServer } from "../_server.ts";
import { startSentinel } from "../_sentinel.ts";
import { uniqueKey, until } from "../_support.ts";
import {
  bundleWorker,
  COMPATIBILITY_DATE,
  findTools,
  startWorkerd,
  tempDir,
  WORKER_ENTRY,
  type Workerd,
  workerdConfig,
} from "./_workerd.ts";

/** What the Worker reports about an error it caught. */
interface ErrorReport {
  name: string;
  constructor: string;
  message: string;
  redisError: boolean;
  typeError: boolean;
  code?: string;
  command?: string;
  written?: boolean;
  cause?: ErrorReport;
}

/** The example Worker of the README. */
const EXAMPLE_ENTRY = fileURLToPath(
  new URL("../../examples/cloudflare_worker.ts", import.meta.url),
);

/** A loopback port nothing listens on (it did a moment ago). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("openCloudflareSocket in workerd", () => {
  let dir: string;
  let server: TestServer;
  let admin: RedisClient;
  let workerd: Workerd;
  let bundle: string;
  let config: string;
  let warnings: string;
  let exampleWarnings: string;

  before(async () => {
    const tools = findTools();
    dir = tempDir();
    server = await startServer({ tls: true });
    admin = await connect({ port: server.port });
    bundle = path.join(dir, "worker.js");
    warnings = await bundleWorker(tools.esbuild, WORKER_ENTRY, bundle);
    // The README's example Worker, as its own service with REDIS_URL bound.
    exampleWarnings = await bundleWorker(
      tools.esbuild,
      EXAMPLE_ENTRY,
      path.join(dir, "example.js"),
    );
    config = workerdConfig({ redisUrl: server.url });
    fs.writeFileSync(path.join(dir, "config.capnp"), config);
    fs.writeFileSync(path.join(dir, "ca.crt"), server.caCert!);
    // The example has no health route: once "http" answers, workerd has
    // loaded every Worker of the config.
    workerd = await startWorkerd(
      tools.workerd,
      dir,
      ["http", "trusting", "example"],
      ["http", "trusting"],
    );
  });

  after(async () => {
    await workerd?.stop();
    await admin?.close();
    await server?.stop();
    if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Runs the scenario at `pathname` in the Worker behind `socket` with
   * `query` (the server's port added) and resolves with its JSON result.
   */
  async function run<T = Record<string, unknown>>(
    pathname: string,
    query: Record<string, string | number> = {},
    socket = "http",
  ): Promise<T> {
    const params = new URLSearchParams({ port: String(server.port) });
    for (const [name, value] of Object.entries(query)) {
      params.set(name, String(value));
    }
    const response = await fetch(
      `${workerd.url(socket)}${pathname}?${params}`,
      {
        signal: AbortSignal.timeout(30_000),
      },
    );
    const body = await response.text();
    if (!response.ok) {
      assert.fail(
        `${pathname} answered ${response.status}: ${body}\n--- workerd log ---\n${workerd.log()}`,
      );
    }
    return JSON.parse(body) as T;
  }

  /** The connections CLIENT LIST shows with this client name. */
  async function named(name: string): Promise<Record<string, string>[]> {
    return (await admin.clientList()).filter((c) => c.name === name);
  }

  it("respite bundles for Workers without warnings, needing no node: module and no nodejs_compat", () => {
    // esbuild resolved every import but cloudflare:*, silently.
    assert.equal(warnings, "");
    const code = fs.readFileSync(bundle, "utf8");
    assert.doesNotMatch(code, /["']node:/);
    // The import of cloudflare:sockets is left for workerd to resolve.
    assert.doesNotMatch(code, /["']cloudflare:sockets["']/);
    assert.match(code, /import\(\s*SOCKETS_MODULE\d*\s*\)/);
    assert.doesNotMatch(config, /compatibilityFlags|nodejs_compat/);
    assert.match(
      config,
      new RegExp(`compatibilityDate = "${COMPATIBILITY_DATE}"`),
    );
  });

  it("connect picks the cloudflare transport in a Worker and PING answers", async () => {
    const name = uniqueKey("cf-ping").replaceAll(":", "-");
    const result = await run("/ping", { name });
    assert.deepEqual(result, {
      detected: "cloudflare",
      userAgent: "Cloudflare-Workers",
      // Workers have a `process` global with a Node.js version even
      // without nodejs_compat: the user agent has to be checked first.
      nodeVersion: result.nodeVersion,
      pong: "PONG",
      echo: "from a worker",
      clientName: name,
    });
  });

  it("connectSentinel in a Worker reaches the master and a replica through the sentinels", async () => {
    const deployment = await startSentinel({ replicas: 1, sentinels: 2 });
    try {
      const result = await run("/sentinel", {
        sentinels: deployment.sentinels.map((s) => s.port).join(","),
        group: deployment.name,
        key: uniqueKey("cf-sentinel"),
      });
      assert.deepEqual(result, {
        masterRole: "master",
        replicaRole: "slave",
        value: "through sentinel",
        detected: "cloudflare",
      });
    } finally {
      await deployment.stop();
    }
  });

  it("openSocket on Workers yields Uint8Array chunks and carries 1 MiB intact", async () => {
    const result = await run("/socket");
    assert.equal(result.detected, "cloudflare");
    assert.deepEqual(result.chunkTypes, ["[object Uint8Array]"]);
    assert.ok((result.chunks as number) > 1, `chunks: ${result.chunks}`);
    assert.equal(result.pong, "PONG");
    assert.equal(result.echoIntact, true);
  });

  it("RedisClient methods give typed results in a Worker", async () => {
    const result = await run("/typed", { key: uniqueKey("cf-typed") });
    assert.deepEqual(result, {
      set: "OK",
      get: "value",
      missing: null,
      incr: 1,
      incrby: 42,
      hset: 2,
      hgetall: { name: "Ada", born: "1815" },
      rpush: 3,
      lrange: ["a", "b", "c"],
      sadd: 2,
      sismember: true,
      zadd: 2,
      zrangeWithScores: [
        { member: "one and a half", score: 1.5 },
        { member: "two", score: 2 },
      ],
      exists: true,
      ttlPositive: true,
    });
  });

  it("Pipeline.exec runs a batch in a Worker, with an error reply in place", async () => {
    const result = await run<unknown[]>("/pipeline", {
      key: uniqueKey("cf-pipeline"),
    });
    assert.equal(result.length, 6);
    assert.deepEqual(result.slice(0, 4), ["OK", 11, "11", 1]);
    const error = result[4] as ErrorReport;
    assert.equal(error.name, "ReplyError");
    assert.equal(error.code, "WRONGTYPE");
    assert.deepEqual(result[5], { f: "v" });
  });

  it("Transaction.exec runs MULTI/EXEC in a Worker, and watch() retries on its extra connection", async () => {
    const result = await run("/multi", { key: uniqueKey("cf-multi") });
    assert.deepEqual(result.exec, ["OK", 10, "10"]);
    assert.deepEqual(result.watched, ["OK", "20"]);
    const aborted = result.aborted as ErrorReport;
    assert.equal(aborted.name, "ExecAbortError");
    assert.equal(aborted.code, "EXECABORT");
    assert.equal(result.after, "20");
  });

  it("client.bytes round-trips every byte value and a 4 MiB value in a Worker", async () => {
    const key = uniqueKey("cf-binary");
    const result = await run("/binary", { key });
    const all = new Uint8Array(256).map((_, i) => i);
    assert.equal(
      result.hex,
      Array.from(all, (b) => b.toString(16).padStart(2, "0")).join(""),
    );
    assert.equal(result.isUint8Array, true);
    assert.equal(result.bigLength, 4 << 20);
    assert.equal(result.bigIntact, true);
    assert.equal(result.strlen, 4 << 20);
    assert.equal(result.emptyHash, 0);
    // What the Worker wrote is the same bytes seen from outside.
    assert.deepEqual(await admin.bytes.get(`${key}:all`), all);
  });

  for (const protocol of [3, 2]) {
    it(`subscribe receives a message within one Worker request (RESP${protocol})`, async () => {
      const key = uniqueKey(`cf-pubsub${protocol}`);
      const result = await run("/pubsub", { key, protocol });
      assert.deepEqual(result, {
        protocol,
        receivers: 1,
        message: {
          kind: "message",
          channel: `${key}:channel`,
          message: "hello from a worker",
        },
        bytesMessage: "00ff0d",
        pingAfter: "PONG",
      });
    });
  }

  it("an error reply rejects with a typed ReplyError in a Worker", async () => {
    const result = await run("/error-reply", { key: uniqueKey("cf-error") });
    assert.deepEqual(result.error, {
      name: "ReplyError",
      constructor: "ReplyError",
      message: 'ERR value is not an integer or out of range (command "INCR")',
      redisError: true,
      typeError: false,
      code: "ERR",
      command: "INCR",
    });
    assert.equal(result.after, "not a number");
  });

  it("connect rejects with ConnectionError when nothing listens on the port", async () => {
    const port = await closedPort();
    const { error } = await run<{ error: ErrorReport }>("/refused", { port });
    assert.equal(error.name, "ConnectionError");
    assert.equal(
      error.message,
      `Cannot connect to "127.0.0.1:${port}": proxy request failed, cannot connect to the specified address`,
    );
    // workerd's own error: a plain Error, with no code.
    assert.equal(error.cause?.name, "Error");
    assert.equal(error.cause?.redisError, false);
  });

  it("connect with tls rejects with ConnectionError, not TlsHandshakeError, when nothing listens", async () => {
    const port = await closedPort();
    const { error } = await run<{ error: ErrorReport }>("/refused", {
      port,
      tls: "1",
    });
    assert.equal(error.name, "ConnectionError");
    assert.equal(
      error.message,
      `Cannot connect to "127.0.0.1:${port}": proxy request failed, cannot connect to the specified address`,
    );
    assert.equal(error.cause?.name, "Error");
  });

  it("a command pending when the server kills the connection rejects with ConnectionClosedError (reconnect: false)", async () => {
    const name = uniqueKey("cf-killed").replaceAll(":", "-");
    // Hold writes so that the Worker's SET waits for its reply.
    await admin.sendCommand(["CLIENT", "PAUSE", "20000", "WRITE"]);
    let response: Promise<Record<string, unknown>> | undefined;
    try {
      response = run("/killed", { name, key: uniqueKey("cf-killed") });
      response.catch(() => {});
      let id: string | undefined;
      await until(async () => {
        id = (await named(name)).find((c) => c.cmd === "set")?.id;
        return id !== undefined;
      }, "the Worker's SET to wait on the pause");
      assert.equal(await admin.clientKill({ id: Number(id) }), 1);
    } finally {
      await admin.sendCommand(["CLIENT", "UNPAUSE"]);
    }
    const result = await response;
    const pending = result.pending as ErrorReport;
    assert.equal(pending.name, "ConnectionClosedError");
    assert.equal(pending.written, true);
    assert.match(
      pending.message,
      new RegExp(`"127\\.0\\.0\\.1:${server.port}"`),
    );
    assert.equal((result.end as ErrorReport).name, "ConnectionClosedError");
    assert.equal(result.status, "closed");
    assert.equal(result.closed, true);
    assert.equal((result.later as ErrorReport).name, "ConnectionClosedError");
    await until(async () => (await named(name)).length === 0, "no connection");
  });

  it("RedisClient.close in a Worker closes every socket of the client within the request", async () => {
    const name = uniqueKey("cf-close").replaceAll(":", "-");
    const result = await run("/close", { name, key: uniqueKey("cf-close") });
    // The main connection and the idle extra one of the BLPOP, both gone
    // while the request still ran.
    assert.deepEqual(result, { connections: 2, leftAfterClose: 0 });
    assert.deepEqual(await named(name), []);
  });

  it("workerd closes the sockets of a client a Worker forgot to close when the request ends", async () => {
    const name = uniqueKey("cf-forgot").replaceAll(":", "-");
    const result = await run("/close", {
      name,
      key: uniqueKey("cf-forgot"),
      close: "0",
    });
    assert.equal(result.connections, 2);
    await until(
      async () => (await named(name)).length === 0,
      "workerd to close the forgotten connections",
    );
  });

  it("connect refuses TLS caCerts, another serverName and a Unix path with a TypeError in a Worker", async () => {
    const result = await run<Record<string, ErrorReport>>("/tls-options");
    assert.equal(result.caCerts!.name, "TypeError");
    assert.match(result.caCerts!.message, /"caCerts"/);
    assert.equal(result.serverName!.name, "TypeError");
    assert.match(result.serverName!.message, /"serverName" "redis\.example"/);
    assert.equal(result.path!.name, "TypeError");
    assert.match(result.path!.message, /Unix socket "\/run\/redis\.sock"/);
  });

  it("connect with tls: true fails against a certificate of a private CA, with workerd's one message", async () => {
    const result = await run("/tls", {
      tlsPort: server.tlsPort!,
      key: uniqueKey("cf-tls"),
    });
    assert.equal(result.connected, false);
    const error = result.error as ErrorReport;
    assert.equal(error.name, "ConnectionError");
    // workerd logs "TLS handshake failed: invalid peer certificate:
    // UnknownIssuer" but tells the Worker only what it tells for a refused
    // connection, so the transport cannot report a TlsHandshakeError.
    assert.equal(
      error.message,
      `Cannot connect to "127.0.0.1:${server.tlsPort}": proxy request failed, cannot connect to the specified address`,
    );
    assert.equal(error.cause?.name, "Error");
  });

  for (const hostname of ["127.0.0.1", "localhost"]) {
    it(`connect with tls: true verifies the server certificate for ${hostname} and carries commands`, async () => {
      const result = await run("/tls", {
        tlsPort: server.tlsPort!,
        hostname,
        serverName: "1",
        key: uniqueKey("cf-tls-ok"),
      }, "trusting");
      assert.deepEqual(result, {
        connected: true,
        pong: "PONG",
        value: "0001ff",
      });
    });
  }

  it("blpop in a Worker blocks on extra connections, at most 4 besides the main one", async () => {
    const name = uniqueKey("cf-blocking").replaceAll(":", "-");
    const result = await run("/blocking", {
      name,
      key: uniqueKey("cf-blocking"),
      pops: 5,
    });
    assert.equal(result.blocked, 4);
    assert.equal(result.connections, 5);
    assert.ok((result.pings as number) >= 1);
    assert.deepEqual(result.popped, ["e0", "e1", "e2", "e3", "e4"]);
    assert.equal(result.timedOut, null);
    await until(async () => (await named(name)).length === 0, "no connection");
  });

  it("a client kept in a module variable fails in the next request with ConnectionClosedError", async () => {
    const name = uniqueKey("cf-shared").replaceAll(":", "-");
    const first = await run("/shared", { name });
    assert.deepEqual(first, { first: true, pong: "PONG" });
    // workerd closed its sockets when the request that opened them ended.
    await until(
      async () => (await named(name)).length === 0,
      "workerd to close the shared client's connection",
    );
    const second = await run("/shared", { name });
    assert.equal(second.first, false);
    const error = second.error as ErrorReport;
    assert.equal(error.name, "ConnectionClosedError");
    assert.match(
      error.cause!.message,
      /^Cannot perform I\/O on behalf of a different request\./,
    );
  });

  it("connect with tls to a plain port times out and closes the socket it abandoned", async () => {
    const { id } = await admin.clientInfo();
    const result = await run("/tls", { tlsPort: server.port, timeout: 500 });
    assert.equal(result.connected, false);
    const error = result.error as ErrorReport;
    assert.equal(error.name, "TimeoutError");
    assert.equal(
      error.message,
      `Connecting to "127.0.0.1:${server.port}" timed out after 500 ms while opening the TLS connection (is it a TLS port?)`,
    );
    await until(
      async () => (await admin.clientList()).every((c) => c.id === id),
      "the abandoned socket to close",
    );
  });

  it("examples/cloudflare_worker.ts counts visits per path in workerd", async () => {
    assert.equal(exampleWarnings, "");
    const visit = async (pathname: string) => {
      const response = await fetch(`${workerd.url("example")}${pathname}`, {
        signal: AbortSignal.timeout(30_000),
      });
      assert.equal(response.status, 200);
      return await response.json();
    };
    const total = Number(await admin.get("visits:total") ?? 0);
    assert.deepEqual(await visit("/a"), {
      path: "/a",
      visits: 1,
      total: total + 1,
    });
    assert.deepEqual(await visit("/a"), {
      path: "/a",
      visits: 2,
      total: total + 2,
    });
    assert.deepEqual(await visit("/b"), {
      path: "/b",
      visits: 1,
      total: total + 3,
    });
    assert.equal(await admin.hget("visits", "/a"), "2");
    await admin.del("visits", "visits:total");
  });
});
