/**
 * The cluster routing policies of the declarations, as data: every
 * declaration's `route` against the `request_policy` and `response_policy`
 * tips the server publishes in `COMMAND INFO` (Redis 7.0+), with the
 * deliberate differences listed below.
 *
 * @module
 */

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { connect, type RedisClient } from "../../mod.ts";
import { commands } from "../../src/commands/mod.ts";
import type { RoutePolicy } from "../../src/commands/_define.ts";
import { startServer, type TestServer } from "../_server.ts";
import { serverBuild, serverHas } from "../_process.ts";

const running = `${serverBuild().name} ${serverBuild().version}`;

type Declaration = {
  name: string;
  route?: RoutePolicy;
  since?: { redis?: string; valkey?: string };
};
const DECLARATIONS = commands as unknown as Record<string, Declaration>;

/**
 * Declarations whose route differs from the server's tips on purpose, by
 * method name: what the server says, what the declaration says, why.
 */
const EXCEPTIONS: Record<
  string,
  { server: RoutePolicy; ours: RoutePolicy | undefined; reason: string }
> = {
  exists: {
    server: { request: "multi_shard", response: "agg_sum" },
    ours: undefined,
    reason: "this form of EXISTS sends exactly one key, so it goes to that " +
      "key's slot with nothing to split or sum (existsCount keeps the policy)",
  },
  msetex: {
    server: { request: "multi_shard", response: "all_succeeded" },
    ours: undefined,
    reason: "split by slot, each part would need its own numkeys and the " +
      "trailing expiry, and the all-or-nothing NX/XX condition cannot hold " +
      "across nodes: a cross-slot MSETEX gets CROSSSLOT, as MSETNX does",
  },
};

/**
 * The tips of Redis 7.0 that Redis 7.2 changed (Redis 7.2, 7.4 and Valkey 8
 * give the same newer ones). The declarations follow the newer tips: ACL
 * and CONFIG changes reach every node, a cross-slot MSETNX is refused
 * instead of split (its all-or-nothing promise cannot hold across nodes),
 * RANDOMKEY and SCAN have a response rule of their own. On a server before
 * 7.2 the test checks that it still gives these.
 */
const REDIS_7_0_TIPS: Record<string, RoutePolicy | undefined> = {
  aclDeluser: undefined,
  aclSave: undefined,
  aclSetuser: undefined,
  clientSetname: undefined,
  configResetstat: undefined,
  configRewrite: undefined,
  latencyReset: { request: "all_nodes", response: "all_succeeded" },
  msetnx: { request: "multi_shard", response: "agg_min" },
  randomkey: { request: "all_shards" },
  scan: { request: "special" },
};
const before72 = !serverHas({ redis: "7.2.0", valkey: "7.2.4" });

const REQUESTS = new Set(["all_shards", "all_nodes", "multi_shard", "special"]);
const RESPONSES = new Set([
  "agg_sum",
  "agg_min",
  "agg_max",
  "agg_logical_and",
  "agg_logical_or",
  "all_succeeded",
  "one_succeeded",
  "special",
]);

/** `"CONFIG SET"` -> `"config|set"`, the name COMMAND INFO uses. */
function infoName(declaration: Declaration): string {
  return declaration.name.toLowerCase().replace(" ", "|");
}

/** The request and response policy tips as a route (undefined: none). */
function routeOf(tips: readonly string[]): RoutePolicy | undefined {
  let request: string | undefined;
  let response: string | undefined;
  for (const tip of tips) {
    const [kind, value] = tip.split(":");
    if (kind === "request_policy") request = value;
    if (kind === "response_policy") response = value;
  }
  // Built in one order, whatever the order of the tips, so that routes
  // compare as JSON text.
  const route: { request?: string; response?: string } = {};
  if (request !== undefined) route.request = request;
  if (response !== undefined) route.response = response;
  return Object.keys(route).length === 0 ? undefined : route as RoutePolicy;
}

/** Text of a reply element (strings, bytes or a RESP3 simple string). */
function text(value: unknown): string {
  return value instanceof Uint8Array
    ? new TextDecoder().decode(value)
    : String(value);
}

/** The declaration's route, in the same shape as {@linkcode routeOf}. */
function plain(route: RoutePolicy | undefined): RoutePolicy | undefined {
  return route === undefined ? undefined : { ...route };
}

describe(`declaration routes against the command tips of COMMAND INFO of ${running}`, () => {
  let srv: TestServer;
  let client: RedisClient;
  /** The tips by command name, `name` or `name|sub`, lower case. */
  const tips = new Map<string, string[]>();

  before(async () => {
    srv = await startServer();
    client = await connect({ port: srv.port, protocol: 3 });
    // Redis 7.0 gives the tips only here, as element 7 of each entry
    // (COMMAND DOCS has none); subcommands are element 9.
    const info = await client.sendCommand(["COMMAND", "INFO"]) as unknown[];
    const collect = (entry: unknown) => {
      const fields = entry as unknown[];
      const list = (fields[7] ?? []) as Iterable<unknown>;
      tips.set(text(fields[0]), [...list].map(text));
      for (const sub of (fields[9] ?? []) as Iterable<unknown>) collect(sub);
    };
    for (const entry of info) collect(entry);
  });

  after(async () => {
    client?.disconnect();
    await srv?.stop();
  });

  it("the server gives routing tips (Redis 7.0+)", () => {
    assert.deepEqual(routeOf(tips.get("dbsize") ?? []), {
      request: "all_shards",
      response: "agg_sum",
    });
    assert.deepEqual(routeOf(tips.get("config|set") ?? []), {
      request: "all_nodes",
      response: "all_succeeded",
    });
  });

  it(`every declaration's route equals the request and response tips of ${running}, for the commands it has`, () => {
    const wrong: string[] = [];
    let routed = 0;
    for (const [method, declaration] of Object.entries(DECLARATIONS)) {
      const name = infoName(declaration);
      // A command newer than the server: nothing to compare with here.
      if (!serverHas(declaration.since) && !tips.has(name)) continue;
      assert.ok(tips.has(name), `${method}: "${name}" not in COMMAND INFO`);
      let server = routeOf(tips.get(name)!);
      if (before72 && method in REDIS_7_0_TIPS) {
        assert.deepEqual(server, REDIS_7_0_TIPS[method], `${method} on 7.0`);
        // Checked against the newer tips on a newer server.
        server = plain(declaration.route);
      }
      const expected = method in EXCEPTIONS ? EXCEPTIONS[method]!.ours : server;
      const ours = plain(declaration.route);
      if (ours !== undefined) routed++;
      if (JSON.stringify(ours) !== JSON.stringify(expected)) {
        wrong.push(
          `${method} (${name}): ours ${JSON.stringify(ours)}, expected ${
            JSON.stringify(expected)
          }`,
        );
      }
    }
    assert.deepEqual(wrong, []);
    assert.ok(routed > 30, `only ${routed} declarations have a route`);
  });

  it("every exception names a declaration, still differs from the server, and says why", () => {
    for (const [method, exception] of Object.entries(EXCEPTIONS)) {
      const declaration = DECLARATIONS[method];
      assert.ok(declaration !== undefined, `${method}: no declaration`);
      if (!tips.has(infoName(declaration))) {
        // A command newer than the server.
        assert.ok(!serverHas(declaration.since), `${method}: no tips`);
        continue;
      }
      const server = routeOf(tips.get(infoName(declaration))!);
      assert.deepEqual(server, exception.server, `${method}: server tips`);
      assert.deepEqual(plain(declaration.route), exception.ours, method);
      assert.notDeepEqual(exception.ours, exception.server, method);
      assert.ok(exception.reason.length > 20, `${method}: no real reason`);
    }
  });

  it("every route is frozen, JSON-serialisable data with known policy words", () => {
    for (const [method, declaration] of Object.entries(DECLARATIONS)) {
      const route = declaration.route;
      if (route === undefined) continue;
      assert.ok(Object.isFrozen(route), `${method}: not frozen`);
      assert.deepEqual(JSON.parse(JSON.stringify(route)), { ...route }, method);
      for (const field of Object.keys(route)) {
        assert.ok(field === "request" || field === "response", method);
      }
      assert.ok(
        route.request === undefined || REQUESTS.has(route.request),
        `${method}: request "${route.request}"`,
      );
      assert.ok(
        route.response === undefined || RESPONSES.has(route.response),
        `${method}: response "${route.response}"`,
      );
    }
  });
});
