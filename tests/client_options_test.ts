/**
 * How connect(), RedisPool and the per-call options check what they are
 * given, the errors that name what was wrong (and never a secret), and the
 * typed errors of the client's events, against a private redis-server.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  connect,
  ConnectionError,
  type ConnectOptions,
  type RedisClient,
  type RedisClientEvent,
  RedisPool,
  ReplyError,
} from "../mod.ts";
import { startServer, type TestServer } from "./_server.ts";
import { nextEvent, uniqueKey, useProxies } from "./_support.ts";
import { calls } from "./commands/_helpers.ts";

const SECRET = "hunter2-secret";

/** Asserts that `error` is a TypeError whose message matches `pattern`. */
function typeError(pattern: RegExp) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof TypeError, String(error));
    assert.match(error.message, pattern);
    return true;
  };
}

/** Every text an error shows: message, stack, causes, `String()`. */
function texts(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    parts.push(String(e));
    if (e instanceof Error) {
      parts.push(e.message, String(e.stack));
      e = e.cause;
    } else {
      break;
    }
  }
  return parts.join("\n");
}

describe("connect options", () => {
  let server: TestServer;

  before(async () => {
    server = await startServer();
  });

  after(async () => {
    await server?.stop();
  });

  const invalid: [options: Record<string, unknown>, pattern: RegExp][] = [
    [{ commandTimeout: 0 }, /"commandTimeout" "0": expected a positive/],
    [{ commandTimeout: -1 }, /"commandTimeout" "-1"/],
    [{ commandTimeout: NaN }, /"commandTimeout" "NaN"/],
    [{ commandTimeout: "5" }, /"commandTimeout" "5"/],
    [{ connectTimeout: 0 }, /"connectTimeout" "0"/],
    [{ connectTimeout: -5 }, /"connectTimeout" "-5"/],
    [{ connectTimeout: NaN }, /"connectTimeout" "NaN"/],
    [{ offlineQueueSize: -1 }, /"offlineQueueSize" "-1": expected an integer/],
    [{ offlineQueueSize: 1.5 }, /"offlineQueueSize" "1.5"/],
    [{ maxExtraConnections: 0 }, /"maxExtraConnections" "0"/],
    [{ idleExtraConnections: -1 }, /"idleExtraConnections" "-1"/],
    [{ port: 0 }, /"port" "0": expected an integer from 1 to 65535/],
    [{ port: 70_000 }, /"port" "70000"/],
    [{ db: -1 }, /"db" "-1"/],
    [{ db: 1.5 }, /"db" "1.5"/],
    [{ protocol: 4 }, /"protocol" "4": expected 2 or 3/],
    [{ reconnect: "yes" }, /"reconnect" "yes": expected a boolean or/],
    [{ retryReadOnly: 1 }, /"retryReadOnly" "1": expected a boolean/],
    [{ hostname: "" }, /"hostname"/],
    [{ clientName: "two words" }, /"clientName" "two words"/],
    [
      { clientInfoTag: "my app" },
      /"clientInfoTag" "my app": expected printable ASCII without spaces or parentheses/,
    ],
    [{ clientInfoTag: "a(b)" }, /"clientInfoTag" "a\(b\)"/],
    [{ clientInfoTag: "" }, /"clientInfoTag" ""/],
    [{ clientInfo: "no" }, /"clientInfo" "no": expected a boolean/],
    [{ onPush: "f" }, /"onPush" "f": expected a function/],
    [{ tls: "yes" }, /"tls" "yes"/],
    [
      { tls: { ca: ["x"] } },
      /Unknown TLS option "ca": did you mean "caCerts"\?/,
    ],
    [{ tls: { caCerts: "pem" } }, /"caCerts": expected an array of PEM/],
    [{ limits: { maxDepth: 0 } }, /limits option "maxDepth" "0"/],
    [
      { limits: { depth: 2 } },
      /Unknown limits option "depth": did you mean "maxDepth"\?/,
    ],
    [{ username: "alice" }, /"username" needs a "password"/],
    [{ password: 12345 }, /"password": expected a string, got number/],
    [
      { pasword: SECRET },
      /Unknown connect option "pasword": did you mean "password"\?/,
    ],
    [{ Port: 6379 }, /Unknown connect option "Port": did you mean "port"\?/],
    [{ commandtimeout: 5 }, /did you mean "commandTimeout"\?/],
    [{ timeout: 5 }, /Unknown connect option "timeout": did you mean/],
    [{ bogus: 5 }, /^Unknown connect option "bogus"$/],
  ];
  for (const [options, pattern] of invalid) {
    it(`connect rejects ${JSON.stringify(options)} with a TypeError naming the option`, async () => {
      await assert.rejects(
        connect({ port: server.port, ...options } as ConnectOptions),
        (error) => {
          typeError(pattern)(error);
          assert.ok(!texts(error).includes(SECRET), texts(error));
          assert.ok(!texts(error).includes("12345"), texts(error));
          return true;
        },
      );
    });
  }

  it("connect takes Infinity for its timeouts and the offline queue", async () => {
    await using client = await connect({
      port: server.port,
      connectTimeout: Infinity,
      commandTimeout: Infinity,
      offlineQueueSize: Infinity,
      maxExtraConnections: Infinity,
      reconnect: true,
    });
    assert.equal(await client.ping(), "PONG");
    assert.equal(
      await client.withOptions({ timeout: Infinity }).echo("x"),
      "x",
    );
    assert.equal(await client.blpop([uniqueKey("inf")], 0.01), null);
  });

  it("RedisClient.withOptions and sendCommand reject unknown or invalid call options", async () => {
    await using client = await connect({ port: server.port });
    assert.throws(
      () => client.withOptions({ timout: 5 } as never),
      typeError(/Unknown call option "timout": did you mean "timeout"\?/),
    );
    for (const timeout of [0, -1, NaN]) {
      assert.throws(
        () => client.withOptions({ timeout }),
        typeError(/Invalid timeout/),
      );
    }
    await assert.rejects(
      client.sendCommand(["PING"], { byte: true } as never),
      typeError(/Unknown sendCommand option "byte": did you mean "bytes"\?/),
    );
    await assert.rejects(
      client.pipeline().ping().exec({ signl: undefined } as never),
      typeError(
        /Unknown pipeline exec option "signl": did you mean "signal"\?/,
      ),
    );
    await assert.rejects(
      client.watch("k", () => undefined, { maxAttempt: 3 } as never),
      typeError(
        /Unknown watch option "maxAttempt": did you mean "maxAttempts"\?/,
      ),
    );
    await assert.rejects(
      client.subscribe(["c"], { bufferSzie: 3 } as never),
      typeError(
        /Unknown subscription option "bufferSzie": did you mean "bufferSize"\?/,
      ),
    );
    assert.equal(await client.ping(), "PONG");
  });

  it("RedisClient typed methods reject unknown option keys before sending", async () => {
    await using client = await connect({ port: server.port });
    const key = uniqueKey("options:ex");
    const before = await calls(client, "set");
    await assert.rejects(
      client.set(key, "v", { EX: 10 } as never),
      typeError(/^Unknown SET option "EX": did you mean "ex"\?$/),
    );
    await assert.rejects(
      client.zadd(key, [{ score: 1, member: "m" }], { NX: true } as never),
      typeError(/Unknown ZADD option "NX": did you mean "nx"\?/),
    );
    assert.equal(await calls(client, "set"), before);
    assert.equal(await client.set(key, "v", { ex: 10 }), "OK");
    assert.ok(await client.ttl(key) > 0);
  });

  it("RedisPool rejects unknown or invalid options, and bad connect options, when it is made", () => {
    assert.throws(
      () => new RedisPool({ maxsize: 3 } as never),
      typeError(/Unknown pool option "maxsize": did you mean "maxSize"\?/),
    );
    assert.throws(
      () =>
        new RedisPool({ connect: { port: server.port, commandTimeout: 0 } }),
      typeError(/"commandTimeout" "0"/),
    );
    assert.throws(
      () => new RedisPool({ connect: { pasword: SECRET } as never }),
      (error) => {
        typeError(/"pasword": did you mean "password"\?/)(error);
        assert.ok(!texts(error).includes(SECRET));
        return true;
      },
    );
    assert.throws(
      () => new RedisPool({ connect: `redis://127.0.0.1:1?pasword=${SECRET}` }),
      (error) => {
        typeError(/unknown parameter "pasword"/)(error);
        assert.ok(!texts(error).includes(SECRET), texts(error));
        return true;
      },
    );
    assert.throws(
      () => new RedisPool({ validate: "yes" } as never),
      typeError(/"validate"/),
    );
  });

  it("connect never shows a query value of a URL, a password or a misspelled one, in its errors", async () => {
    const urls = [
      `redis://127.0.0.1:${server.port}?pasword=${SECRET}`,
      `redis://127.0.0.1:${server.port}?password=${SECRET}&foo=bar`,
      `redis://127.0.0.1:${server.port}?db=x&password=${SECRET}`,
      `redis://u:${SECRET}@127.0.0.1:notaport`,
      `redis://127.0.0.1:${server.port}?${SECRET}:x=1`,
      `rediss://:${SECRET}@127.0.0.1:${server.port}/abc`,
    ];
    for (const url of urls) {
      await assert.rejects(connect(url), (error) => {
        assert.ok(error instanceof TypeError, String(error));
        assert.ok(!texts(error).includes(SECRET), texts(error));
        return true;
      });
      await assert.rejects(connect({ url, db: 1 }), (error) => {
        assert.ok(!texts(error).includes(SECRET), texts(error));
        return true;
      });
    }
  });
});

describe("RedisClient error messages", () => {
  let server: TestServer;
  let client: RedisClient;

  before(async () => {
    server = await startServer();
    client = await connect({ port: server.port });
  });

  after(async () => {
    await client?.close();
    await server?.stop();
  });

  it("RedisClient names the command and the parameter of an argument it cannot send", async () => {
    await assert.rejects(
      client.set("k", undefined as never),
      typeError(
        /^SET: value must be a string, number, bigint or Uint8Array, got undefined$/,
      ),
    );
    await assert.rejects(
      client.sadd("s", "a", null as never),
      typeError(/^SADD: members must hold only strings.*got null$/),
    );
    await assert.rejects(
      client.del("a", {} as never),
      typeError(/^DEL: keys must hold only .*got an object$/),
    );
    await assert.rejects(
      client.sendCommand(["SET", "k", NaN]),
      typeError(/^SET: argument 2 must not be NaN$/),
    );
    await assert.rejects(
      client.sendCommand(["GET", Symbol("k") as never]),
      typeError(/^GET: argument 1 must be a string.*got a symbol$/),
    );
    assert.throws(
      () => client.pipeline().set("k", undefined as never),
      typeError(/^SET: value must be/),
    );
  });

  it("RedisClient.sendCommand rejects a string instead of an argument array", async () => {
    await assert.rejects(
      client.sendCommand("PING" as never),
      typeError(
        /^Invalid command: expected an array such as \["GET", "key"\], got a string$/,
      ),
    );
    await assert.rejects(client.sendCommand([]), TypeError);
    assert.equal(await client.ping(), "PONG");
  });

  it("ReplyError names the command it answered, in pipelines and transactions too", async () => {
    const key = uniqueKey("wrongtype");
    await client.set(key, "string");
    await assert.rejects(client.lpush(key, "x"), (error) => {
      assert.ok(error instanceof ReplyError);
      assert.equal(error.command, "LPUSH");
      assert.equal(error.code, "WRONGTYPE");
      assert.match(error.message, /^WRONGTYPE .* \(command "LPUSH"\)$/);
      return true;
    });
    await assert.rejects(client.sendCommand(["CONFIG", "GET"]), (error) => {
      assert.ok(error instanceof ReplyError);
      assert.equal(error.command, "CONFIG GET");
      return true;
    });
    const [pipelined] = await client.pipeline().lpush(key, "x").exec();
    assert.ok(pipelined instanceof ReplyError);
    assert.equal(pipelined.command, "LPUSH");
    const [inside] = await client.multi().lpush(key, "x").exec();
    assert.ok(inside instanceof ReplyError);
    assert.equal(inside.command, "LPUSH");
  });

  it("connect says that the server wants a password when none was given", async () => {
    const locked = await startServer({ args: ["--requirepass", SECRET] });
    try {
      for (const protocol of [2, 3] as const) {
        await assert.rejects(
          connect({ port: locked.port, protocol, clientName: "x" }),
          (error) => {
            assert.ok(error instanceof ReplyError, String(error));
            assert.equal(error.code, "NOAUTH");
            assert.match(
              error.message,
              /requires a password and none was given/,
            );
            return true;
          },
        );
      }
      await using ok = await connect({ port: locked.port, password: SECRET });
      assert.equal(await ok.ping(), "PONG");
    } finally {
      await locked.stop();
    }
  });
});

describe("RedisClient event errors", () => {
  let server: TestServer;
  const viaProxy = useProxies(() => server.port);

  before(async () => {
    server = await startServer();
  });

  after(async () => {
    await server?.stop();
  });

  it("RedisClient hands ConnectionErrors with the runtime's error as cause to reconnect, error and reconnecting", async () => {
    const seen: unknown[] = [];
    const { proxy, client } = await viaProxy({
      reconnect: (attempt, error) => {
        seen.push(error);
        return attempt > 3 ? false : 5;
      },
    });
    const events: RedisClientEvent[] = [];
    for (const type of ["error", "reconnecting"] as const) {
      client.addEventListener(type, (event) => {
        events.push(event as RedisClientEvent);
      });
    }
    const ended = nextEvent(client, "end");
    proxy.refuse(true);
    await proxy.cut();
    await ended;
    assert.equal(seen.length, 4);
    for (const error of seen) {
      assert.ok(error instanceof ConnectionError, String(error));
    }
    // Attempts 2 to 4 followed failed reconnects: the runtime said why.
    for (const error of seen.slice(1)) {
      assert.ok((error as Error).cause !== undefined, String(error));
      assert.match((error as Error).message, /127\.0\.0\.1:\d+/);
    }
    // The drop, then attempts 1 to 3 (the strategy gave up on the 4th).
    assert.deepEqual(events.map((event) => event.type), [
      "error",
      "reconnecting",
      "reconnecting",
      "reconnecting",
    ]);
    for (const event of events) {
      assert.ok(event.error instanceof ConnectionError, String(event.error));
    }
  });
});
