/**
 * The test Worker: an ES-module Cloudflare Worker that runs one scenario
 * per URL path against the private redis-server whose port the request
 * names (`?port=`), with respite as a Worker would use it, and answers
 * with JSON. `workers_test.ts` bundles it with esbuild and serves it with
 * workerd.
 *
 * Every client here is made without `transport`, `connector` or `socket`,
 * so the runtime detection has to pick the "cloudflare" transport.
 *
 * @module
 */

import {
  connect,
  type ConnectOptions,
  connectSentinel,
  type RedisClient,
  RedisError,
} from "../../mod.ts";
import { detectTransport, openSocket } from "../../src/transport/mod.ts";
import { encodeCommand, RespDecoder } from "../../src/resp/mod.ts";

/** What a scenario gets from the request. */
interface Params {
  /** The query parameters. */
  query: URLSearchParams;
  /** `?port=`: the plain port of the private redis-server. */
  port: number;
  /** `?name=`: the `clientName` of the scenario's client, if given. */
  name: string | undefined;
  /** `?key=`: a key prefix no other scenario uses. */
  key: string;
}

/** A scenario's result, sent as JSON (a bigint as its decimal text). */
type Json = unknown;

type Scenario = (params: Params) => Promise<Json>;

/** A client on the request's server, as a Worker would make it. */
function open(
  params: Params,
  options: ConnectOptions = {},
): Promise<RedisClient> {
  return connect({
    hostname: "127.0.0.1",
    port: params.port,
    connectTimeout: 5_000,
    commandTimeout: 10_000,
    ...(params.name === undefined ? {} : { clientName: params.name }),
    ...options,
  });
}

/** `error` as JSON: its class, name, message and the facts tests check. */
function describeError(error: unknown, depth = 0): Json {
  if (!(error instanceof Error)) return { thrown: String(error) };
  const facts = error as Error & {
    code?: unknown;
    command?: unknown;
    written?: unknown;
  };
  return {
    name: error.name,
    constructor: error.constructor.name,
    message: error.message,
    redisError: error instanceof RedisError,
    typeError: error instanceof TypeError,
    code: typeof facts.code === "string" ? facts.code : undefined,
    command: typeof facts.command === "string" ? facts.command : undefined,
    written: typeof facts.written === "boolean" ? facts.written : undefined,
    cause: error.cause === undefined || depth >= 3
      ? undefined
      : describeError(error.cause, depth + 1),
  };
}

/** Runs `body` and describes what it threw; fails when it throws nothing. */
async function failure(body: () => Promise<unknown>): Promise<Json> {
  try {
    await body();
  } catch (error) {
    return describeError(error);
  }
  throw new Error("expected an error, got none");
}

/** Resolves after `ms`, for deadlines inside a scenario (never to wait). */
function deadline<T>(ms: number, what: string): Promise<T> {
  return new Promise((_, reject) =>
    setTimeout(() => reject(new Error(`timed out: ${what}`)), ms)
  );
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Lines of CLIENT LIST with this scenario's client name. */
async function namedClients(
  client: RedisClient,
  name: string,
): Promise<Record<string, string>[]> {
  return (await client.clientList()).filter((c) => c.name === name);
}

/** A value of `size` bytes in which every byte value occurs. */
function pattern(size: number): Uint8Array {
  const value = new Uint8Array(size);
  for (let i = 0; i < size; i++) value[i] = (i * 31 + (i >> 8)) & 0xff;
  return value;
}

function sameBytes(a: Uint8Array | null, b: Uint8Array): boolean {
  if (a === null || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A client kept across requests by `/shared`. */
let shared: RedisClient | undefined;

/** The scenarios by URL path. */
const scenarios: Record<string, Scenario> = {
  /** Connects with no transport option and pings. */
  async "/ping"(params) {
    const client = await open(params);
    try {
      return {
        detected: detectTransport() ?? null,
        userAgent: String(navigator.userAgent),
        // Recent compatibility dates give Workers a `process` global even
        // without nodejs_compat: detection must not rely on its absence.
        nodeVersion: String(
          (globalThis as { process?: { versions?: { node?: unknown } } })
            .process?.versions?.node,
        ),
        pong: await client.ping(),
        echo: await client.echo("from a worker"),
        clientName: await client.clientGetname(),
      };
    } finally {
      await client.close();
    }
  },

  /**
   * Through Redis Sentinel (`?sentinels=` ports, `?group=`): the master and
   * a replica, each checked with ROLE, a write and its read back.
   */
  async "/sentinel"(params) {
    const sentinels = (params.query.get("sentinels") ?? "").split(",").map(
      (port) => `redis://127.0.0.1:${port}`,
    );
    const name = params.query.get("group") ?? "mymaster";
    const master = await connectSentinel({ sentinels, name });
    try {
      const replica = await connectSentinel({
        sentinels,
        name,
        role: "replica",
      });
      try {
        const key = `${params.key}:sentinel`;
        await master.set(key, "through sentinel");
        return {
          masterRole: (await master.role()).role,
          replicaRole: (await replica.role()).role,
          value: await master.get(key),
          detected: detectTransport() ?? null,
        };
      } finally {
        await replica.close();
      }
    } finally {
      await master.close();
    }
  },

  /** The bare transport: what chunks the readable yields. */
  async "/socket"(params) {
    const socket = await openSocket({
      hostname: "127.0.0.1",
      port: params.port,
    });
    try {
      const big = pattern(1 << 20);
      const writer = socket.writable.getWriter();
      await writer.write(encodeCommand(["PING"]));
      await writer.write(encodeCommand(["ECHO", big]));
      writer.releaseLock();
      const reader = socket.readable.getReader();
      const decoder = new RespDecoder({ bytes: true });
      const replies: unknown[] = [];
      const kinds = new Set<string>();
      let chunks = 0;
      while (replies.length < 2) {
        const { value, done } = await reader.read();
        if (done) break;
        chunks++;
        kinds.add(Object.prototype.toString.call(value));
        if (!(value instanceof Uint8Array)) {
          throw new TypeError(`a chunk is not a Uint8Array: ${String(value)}`);
        }
        replies.push(...decoder.decode(value));
      }
      reader.releaseLock();
      const echoed = replies[1];
      return {
        detected: detectTransport() ?? null,
        chunks,
        chunkTypes: [...kinds],
        pong: new TextDecoder().decode(replies[0] as Uint8Array),
        echoIntact: echoed instanceof Uint8Array && sameBytes(echoed, big),
      };
    } finally {
      socket.close();
      socket.close();
    }
  },

  /** Typed commands give typed results. */
  async "/typed"(params) {
    const client = await open(params);
    const k = params.key;
    try {
      return {
        set: await client.set(`${k}:s`, "value", { ex: 60 }),
        get: await client.get(`${k}:s`),
        missing: await client.get(`${k}:missing`),
        incr: await client.incr(`${k}:n`),
        incrby: await client.incrby(`${k}:n`, 41),
        hset: await client.hset(`${k}:h`, { name: "Ada", born: 1815 }),
        hgetall: await client.hgetall(`${k}:h`),
        rpush: await client.rpush(`${k}:l`, "a", "b", "c"),
        lrange: await client.lrange(`${k}:l`, 0, -1),
        sadd: await client.sadd(`${k}:set`, "x", "y"),
        sismember: await client.sismember(`${k}:set`, "x"),
        zadd: await client.zadd(`${k}:z`, [
          { score: 2, member: "two" },
          { score: 1.5, member: "one and a half" },
        ]),
        zrangeWithScores: (await client.zrangeWithScores(`${k}:z`, 0, -1)).map((
          { member, score },
        ) => ({ member, score })),
        exists: await client.exists(`${k}:s`),
        ttlPositive: (await client.ttl(`${k}:s`)) > 0,
      };
    } finally {
      await client.close();
    }
  },

  /** A pipeline: one write, results in order, an error reply in place. */
  async "/pipeline"(params) {
    const client = await open(params);
    const k = params.key;
    try {
      const results = await client.pipeline()
        .set(`${k}:p`, 10)
        .incr(`${k}:p`)
        .get(`${k}:p`)
        .hset(`${k}:ph`, { f: "v" })
        .incr(`${k}:ph`)
        .hgetall(`${k}:ph`)
        .exec();
      return results.map((result) =>
        result instanceof Error ? describeError(result) : result
      ) as Json;
    } finally {
      await client.close();
    }
  },

  /** MULTI/EXEC, and WATCH on an extra connection. */
  async "/multi"(params) {
    const client = await open(params);
    const k = params.key;
    try {
      const exec = await client.multi()
        .set(`${k}:m`, 1)
        .incrby(`${k}:m`, 9)
        .get(`${k}:m`)
        .exec();
      const watched = await client.watch(`${k}:m`, async (tx) => {
        const current = Number(await tx.get(`${k}:m`));
        return tx.multi().set(`${k}:m`, current * 2).get(`${k}:m`);
      });
      const aborted = await failure(() =>
        client.multi().set(`${k}:m`, 1).sendCommand(["NO-SUCH-COMMAND"])
          .exec()
      );
      return {
        exec: exec as Json,
        watched: watched as Json,
        aborted,
        after: await client.get(`${k}:m`),
      };
    } finally {
      await client.close();
    }
  },

  /** Bytes: every byte value both ways, and a value larger than a chunk. */
  async "/binary"(params) {
    const client = await open(params);
    const k = params.key;
    try {
      const all = new Uint8Array(256).map((_, i) => i);
      await client.set(`${k}:all`, all);
      const back = await client.bytes.get(`${k}:all`);
      const big = pattern(4 << 20);
      await client.set(`${k}:big`, big);
      const bigBack = await client.bytes.get(`${k}:big`);
      const fields = await client.bytes.hgetall(`${k}:none`);
      return {
        hex: back === null ? null : toHex(back),
        isUint8Array: back instanceof Uint8Array,
        bigLength: bigBack?.length ?? null,
        bigIntact: sameBytes(bigBack, big),
        strlen: await client.strlen(`${k}:big`),
        emptyHash: Object.keys(fields).length,
      };
    } finally {
      await client.close();
    }
  },

  /** A message published and received within one request. */
  async "/pubsub"(params) {
    const protocol = params.query.get("protocol") === "2" ? 2 : 3;
    const client = await open(params, { protocol });
    const channel = `${params.key}:channel`;
    try {
      const sub = await client.subscribe(channel);
      const iterator = sub[Symbol.asyncIterator]();
      // RESP3: the same connection publishes; RESP2: the subscriber has
      // a connection of its own.
      const receivers = await client.publish(channel, "hello from a worker");
      const next = await Promise.race([
        iterator.next(),
        deadline<IteratorResult<never>>(5_000, "the pub/sub message"),
      ]);
      const bytesSub = await client.bytes.subscribe(`${channel}:bytes`);
      const bytesIterator = bytesSub[Symbol.asyncIterator]();
      await client.publish(`${channel}:bytes`, new Uint8Array([0, 255, 13]));
      const bytesNext = await Promise.race([
        bytesIterator.next(),
        deadline<IteratorResult<never>>(5_000, "the binary message"),
      ]);
      await sub.unsubscribe();
      await bytesSub.unsubscribe();
      return {
        protocol,
        receivers,
        message: next.done ? null : { ...next.value } as Json,
        bytesMessage: bytesNext.done ? null : toHex(bytesNext.value.message),
        pingAfter: await client.ping(),
      };
    } finally {
      await client.close();
    }
  },

  /** An error reply is a typed error, and the connection stays usable. */
  async "/error-reply"(params) {
    const client = await open(params);
    const k = params.key;
    try {
      await client.set(`${k}:text`, "not a number");
      const error = await failure(() => client.incr(`${k}:text`));
      return { error, after: await client.get(`${k}:text`) };
    } finally {
      await client.close();
    }
  },

  /** Connecting to a port where nothing listens. */
  async "/refused"(params) {
    const tls = params.query.get("tls") === "1";
    return {
      error: await failure(() =>
        open(params, { reconnect: false, ...(tls ? { tls: true } : {}) })
      ),
    };
  },

  /**
   * Sends SET while the test holds writes with CLIENT PAUSE WRITE, so the
   * test can kill the connection while the command waits for its reply.
   */
  async "/killed"(params) {
    const client = await open(params, { reconnect: false });
    const ended = new Promise<Json>((resolve) =>
      client.addEventListener(
        "end",
        (event) =>
          resolve(describeError((event as Event & { error?: unknown }).error)),
        { once: true },
      )
    );
    try {
      const pending = await failure(() =>
        client.set(`${params.key}:paused`, "never")
      );
      return {
        pending,
        end: await Promise.race([ended, deadline<Json>(5_000, "end")]),
        status: client.status,
        closed: client.closed,
        later: await failure(() => client.ping()),
      };
    } finally {
      await client.close();
    }
  },

  /**
   * Closes its client and waits, within the request, until the server
   * has no connection of it left; or forgets to close it (`?close=0`).
   */
  async "/close"(params) {
    const name = params.name!;
    const client = await open(params);
    await client.blpop([`${params.key}:empty`], 0.01);
    const connections = (await namedClients(client, name)).length;
    if (params.query.get("close") === "0") return { connections };
    await client.close();
    const probe = await open(params, { clientName: `${name}-probe` });
    try {
      const end = Date.now() + 5_000;
      let left = connections;
      while (left > 0 && Date.now() < end) {
        left = (await namedClients(probe, name)).length;
      }
      return { connections, leftAfterClose: left };
    } finally {
      await probe.close();
    }
  },

  /** A client kept in a module variable, used by the next request. */
  async "/shared"(params) {
    const first = shared === undefined;
    shared ??= await open(
      params,
      params.query.get("reconnect") === "1" ? { commandTimeout: 3_000 } : {
        reconnect: false,
      },
    );
    const client = shared;
    try {
      return { first, pong: await client.ping() };
    } catch (error) {
      shared = undefined;
      client.disconnect();
      return { first, error: describeError(error) };
    }
  },

  /** TLS options Workers cannot honour, and a Unix socket path. */
  async "/tls-options"(params) {
    return {
      caCerts: await failure(() =>
        open(params, { tls: { caCerts: ["-----BEGIN CERTIFICATE-----"] } })
      ),
      serverName: await failure(() =>
        open(params, { tls: { serverName: "redis.example" } })
      ),
      path: await failure(() =>
        open(params, { path: "/run/redis.sock", port: undefined })
      ),
    };
  },

  /** `tls: true` to `?tlsPort=`, with `?hostname=` (127.0.0.1). */
  async "/tls"(params) {
    const hostname = params.query.get("hostname") ?? "127.0.0.1";
    const port = Number(params.query.get("tlsPort"));
    try {
      const client = await open(params, {
        hostname,
        port,
        tls: params.query.get("serverName") === "1"
          ? { serverName: hostname }
          : true,
        reconnect: false,
        connectTimeout: Number(params.query.get("timeout") ?? 5_000),
      });
      try {
        await client.set(`${params.key}:tls`, new Uint8Array([0, 1, 255]));
        const value = await client.bytes.get(`${params.key}:tls`);
        return {
          connected: true,
          pong: await client.ping(),
          value: value === null ? null : toHex(value),
        };
      } finally {
        await client.close();
      }
    } catch (error) {
      return { connected: false, error: describeError(error) };
    }
  },

  /**
   * Blocking commands on extra connections: `?pops=` BLPOPs at once, while
   * the main connection keeps answering; with the Workers default of 4
   * extra connections the rest wait for one to come free.
   */
  async "/blocking"(params) {
    const extra = params.query.get("extra");
    const client = await open(
      params,
      extra === null ? {} : { maxExtraConnections: Number(extra) },
    );
    const name = params.name!;
    const pops = Number(params.query.get("pops") ?? "1");
    const key = `${params.key}:queue`;
    try {
      const popped = Array.from(
        { length: pops },
        () => client.blpop([key], 10),
      );
      const expected = Math.min(pops, Number(extra ?? 4));
      // Until every extra connection blocks, PING the main one meanwhile.
      let pings = 0;
      let blocked: Record<string, string>[] = [];
      const end = Date.now() + 5_000;
      while (blocked.length < expected) {
        if (Date.now() > end) {
          throw new Error(`only ${blocked.length} BLPOPs blocked`);
        }
        if ((await client.ping()) === "PONG") pings++;
        blocked = (await namedClients(client, name)).filter((c) =>
          c.cmd === "blpop"
        );
      }
      const connections = (await namedClients(client, name)).length;
      const elements = Array.from({ length: pops }, (_, i) => `e${i}`);
      await client.rpush(key, ...elements);
      const results = await Promise.all(popped);
      return {
        pings,
        blocked: blocked.length,
        connections,
        popped: results.map((r) => r?.element ?? null).sort(),
        timedOut: await client.blpop([`${params.key}:empty`], 0.01),
      };
    } finally {
      await client.close();
    }
  },
};

export default {
  /** Runs the scenario the path names; 500 with the error when it fails. */
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/health") return new Response("ok");
    const scenario = scenarios[url.pathname];
    if (scenario === undefined) {
      return new Response(`no scenario "${url.pathname}"`, { status: 404 });
    }
    const query = url.searchParams;
    const params: Params = {
      query,
      port: Number(query.get("port")),
      name: query.get("name") ?? undefined,
      key: query.get("key") ?? "workers",
    };
    try {
      const result = await scenario(params);
      return new Response(
        JSON.stringify(
          result,
          (_, value) => typeof value === "bigint" ? String(value) : value,
        ),
        { headers: { "content-type": "application/json" } },
      );
    } catch (error) {
      return Response.json({ unexpected: describeError(error) }, {
        status: 500,
      });
    }
  },
};
