import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { type Arg, connect, type RedisClient, ReplyError } from "../../mod.ts";
import { BLOCKING, commands, READONLY } from "../../src/commands/mod.ts";
import { EXCLUDED } from "../../src/commands/_excluded.ts";
import { blockTime } from "../../src/_session.ts";
import { type KeyLocation, keyPositions } from "../../src/commands/_define.ts";
import { startServer, type TestServer } from "../_server.ts";
import { serverBuild, serverHas } from "../_process.ts";
import { argText, buildCase, type CommandCase } from "./_helpers.ts";
import { cases as acl } from "./acl_cases.ts";
import { cases as arrays } from "./arrays_cases.ts";
import { cases as bitmaps } from "./bitmaps_cases.ts";
import { cases as cluster } from "./cluster_cases.ts";
import { cases as connection } from "./connection_cases.ts";
import { cases as geo } from "./geo_cases.ts";
import { cases as hashes } from "./hashes_cases.ts";
import { cases as hyperloglog } from "./hyperloglog_cases.ts";
import { cases as keys } from "./keys_cases.ts";
import { cases as lists } from "./lists_cases.ts";
import { cases as pubsub } from "./pubsub_cases.ts";
import { cases as scripting } from "./scripting_cases.ts";
import { cases as server } from "./server_cases.ts";
import { cases as sets } from "./sets_cases.ts";
import { cases as sortedSets } from "./sorted_sets_cases.ts";
import { cases as streams } from "./streams_cases.ts";
import { cases as strings } from "./strings_cases.ts";

const ALL_CASES: CommandCase[] = [
  ...acl,
  ...arrays,
  ...bitmaps,
  ...cluster,
  ...connection,
  ...geo,
  ...hashes,
  ...hyperloglog,
  ...keys,
  ...lists,
  ...pubsub,
  ...scripting,
  ...server,
  ...sets,
  ...sortedSets,
  ...streams,
  ...strings,
];

type Declaration = {
  name: string;
  flags: number;
  keys: readonly KeyLocation[];
  since: { redis?: string; valkey?: string } | undefined;
};
const DECLARATIONS = commands as unknown as Record<string, Declaration>;

/** `client|no-evict` -> `clientNoEvict`, `georadius_ro` -> `georadiusRo`. */
function methodName(command: string): string {
  return command.split(/[|\-_ ]/).map((word, i) =>
    i === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1)
  ).join("");
}

function get(map: unknown, key: string): unknown {
  return map instanceof Map ? map.get(key) : undefined;
}

const running = `${serverBuild().name} ${serverBuild().version}`;

/** An exclusion's reason, and whether the test server has the command. */
function exclusion(name: string): { reason: string; here: boolean } {
  const entry = EXCLUDED[name]!;
  return typeof entry === "string"
    ? { reason: entry, here: true }
    : { reason: entry.reason, here: serverHas(entry.since) };
}

describe(`command declarations against COMMAND DOCS of ${running}`, () => {
  let srv: TestServer;
  let client: RedisClient;
  /** Documented command names, `name` or `name|sub`, lower case. */
  const documented = new Set<string>();
  /** COMMAND INFO flags by documented name. */
  const flags = new Map<string, Set<string>>();

  before(async () => {
    srv = await startServer();
    client = await connect({ port: srv.port, protocol: 3 });
    const docs = await client.sendCommand(["COMMAND", "DOCS"]) as Map<
      string,
      unknown
    >;
    for (const [name, doc] of docs) {
      // Module commands (JSON.SET, FT.SEARCH, ... on Redis 8) are out of
      // scope.
      if (get(doc, "module") !== undefined) continue;
      const subcommands = get(doc, "subcommands");
      if (subcommands instanceof Map && subcommands.size > 0) {
        for (const sub of subcommands.keys()) documented.add(String(sub));
      } else {
        documented.add(name);
      }
    }
    const info = await client.sendCommand(["COMMAND", "INFO"]) as unknown[];
    const collect = (entry: unknown) => {
      const [name, , flagList, , , , , , , subcommands] = entry as unknown[];
      flags.set(
        String(name),
        new Set([...(flagList as Iterable<unknown>)].map(String)),
      );
      for (const sub of (subcommands as unknown[] | undefined) ?? []) {
        collect(sub);
      }
    };
    for (const entry of info) collect(entry);
  });

  after(async () => {
    client?.disconnect();
    await srv?.stop();
  });

  it("the server documents about 240 commands with their subcommands", () => {
    assert.ok(documented.size > 300, `only ${documented.size} documented`);
  });

  it("every documented command and subcommand has a method unless excluded", () => {
    const missing: string[] = [];
    for (const name of documented) {
      if (name in EXCLUDED) continue;
      const declaration = DECLARATIONS[methodName(name)];
      if (declaration?.name !== name.replace("|", " ").toUpperCase()) {
        missing.push(`${name} (${methodName(name)})`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it(`every exclusion gives a reason and names a command that ${running} documents when its versions say it has it`, () => {
    for (const name of Object.keys(EXCLUDED)) {
      const { reason, here } = exclusion(name);
      assert.equal(
        documented.has(name),
        here,
        `"${name}" is ${here ? "not " : ""}documented`,
      );
      assert.ok(reason.length > 20, `"${name}" has no real reason`);
      assert.equal(DECLARATIONS[methodName(name)], undefined, name);
    }
  });

  it(`every declaration names a command that ${running} documents exactly when its since says it has it`, () => {
    // A method for a newer option of an older command (hscanNoValues)
    // sends a command the server documents.
    const older = new Set(
      Object.values(DECLARATIONS).filter((d) => d.since === undefined).map(
        (d) => d.name,
      ),
    );
    const wrong: string[] = [];
    for (const [method, declaration] of Object.entries(DECLARATIONS)) {
      const name = declaration.name.toLowerCase().replace(" ", "|");
      const here = serverHas(declaration.since) ||
        older.has(declaration.name);
      if (documented.has(name) !== here) {
        wrong.push(
          `${method}: "${name}" is ${here ? "not " : ""}documented (since ${
            JSON.stringify(declaration.since)
          })`,
        );
      }
      assert.ok(!(name in EXCLUDED), `${method}: "${name}" is excluded`);
    }
    assert.deepEqual(wrong, []);
  });

  it("every declaration's since names released versions", () => {
    for (const [method, { since }] of Object.entries(DECLARATIONS)) {
      if (since === undefined) continue;
      assert.ok(since.redis ?? since.valkey, `${method}: empty since`);
      for (const version of [since.redis, since.valkey]) {
        if (version !== undefined) {
          assert.match(version, /^\d+\.\d+\.\d+$/, method);
        }
      }
      // Newer than the commands of Redis 7.0 (Valkey starts at 7.2.4).
      if (since.redis !== undefined) assert.ok(since.redis >= "7.1", method);
    }
  });

  it(`every declaration's READONLY and BLOCKING flags match COMMAND INFO of ${running}`, () => {
    // WAIT and WAITAOF hold their connection until the replicas (and the
    // disk) answer, though Redis 7.0's COMMAND INFO does not flag WAIT as
    // blocking, nor 7.2's WAITAOF.
    const blockingAnyway = new Set(["WAIT", "WAITAOF"]);
    const wrong: string[] = [];
    for (const [method, declaration] of Object.entries(DECLARATIONS)) {
      const name = declaration.name.toLowerCase().replace(" ", "|");
      if (!documented.has(name)) continue;
      const server = flags.get(name) ?? new Set();
      const readonly = (declaration.flags & READONLY) !== 0;
      const blocking = (declaration.flags & BLOCKING) !== 0;
      if (readonly !== server.has("readonly")) {
        wrong.push(`${method}: readonly ${readonly}`);
      }
      if (
        blocking !==
          (server.has("blocking") || blockingAnyway.has(declaration.name))
      ) {
        wrong.push(`${method}: blocking ${blocking}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it("every encoding case of a BLOCKING declaration has a block time, so it runs on an extra connection", () => {
    const wrong: string[] = [];
    for (const c of ALL_CASES) {
      if (c.throws) continue;
      if ((DECLARATIONS[c.method]!.flags & BLOCKING) === 0) continue;
      const argv = buildCase(c);
      // XREAD and XREADGROUP block only with BLOCK.
      const optional = /^XREAD/.test(String(argv[0])) &&
        !argv.some((arg) => /^block$/i.test(String(arg)));
      if (blockTime(argv) === undefined && !optional) {
        wrong.push(argv.map(argText).join(" "));
      }
    }
    assert.deepEqual(wrong, []);
  });

  it("every declaration newer than Redis 7.0 has a recorded-reply case in a *_newer_test.ts file", () => {
    const dir = new URL(".", import.meta.url);
    const text = fs.readdirSync(dir)
      .filter((name) => name.endsWith("_newer_test.ts"))
      .map((name) => fs.readFileSync(new URL(name, dir), "utf8"))
      .join("\n");
    const missing = Object.entries(DECLARATIONS)
      .filter(([, declaration]) => declaration.since !== undefined)
      .map(([method]) => method)
      .filter((method) => !text.includes(`method: "${method}"`));
    assert.deepEqual(missing, []);
  });

  it("every declaration has at least one encoding case", () => {
    const covered = new Set(
      ALL_CASES.filter((c) => !c.throws).map((c) => c.method as string),
    );
    const uncovered = Object.keys(DECLARATIONS).filter((method) =>
      !covered.has(method)
    );
    assert.deepEqual(uncovered, []);
  });

  it(`the key positions of every encoding case of a command ${running} has match its COMMAND GETKEYS`, async () => {
    const wrong: string[] = [];
    for (const c of ALL_CASES) {
      if (c.throws) continue;
      const declaration = DECLARATIONS[c.method]!;
      // A command the server lacks has no GETKEYS answer.
      if (!serverHas(declaration.since)) continue;
      const argv = buildCase(c);
      const ours = keyPositions(declaration.keys, argv).map((i) =>
        argText(argv[i])
      );
      let theirs: string[] = [];
      // A command without arguments has no keys (and GETKEYS needs one).
      if (argv.length > 1) {
        try {
          const reply = await client.sendCommand([
            "COMMAND",
            "GETKEYS",
            ...argv,
          ]);
          theirs = (reply as Arg[]).map(argText).map((key) =>
            // GETKEYS answers with text; compare byte keys by their text.
            ours.includes(`bytes:${key}`) ? `bytes:${key}` : key
          );
        } catch (error) {
          if (
            !(error instanceof ReplyError) ||
            !/no key arguments|Invalid arguments/i.test(error.message)
          ) {
            wrong.push(`${c.method} ${argv.map(argText).join(" ")}: ${error}`);
            continue;
          }
        }
      }
      if (JSON.stringify(ours) !== JSON.stringify(theirs)) {
        wrong.push(
          `${c.method} ${argv.map(argText).join(" ")}: ours ${
            JSON.stringify(ours)
          }, server ${JSON.stringify(theirs)}`,
        );
      }
    }
    assert.deepEqual(wrong, []);
  });
});
