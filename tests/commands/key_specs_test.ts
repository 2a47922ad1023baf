/**
 * The key locations of the declarations, as data: `keyPositions` shape by
 * shape, and every declaration against the key specifications the server
 * publishes in `COMMAND INFO` (Redis 7.0+).
 *
 * @module
 */

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  type Arg,
  type CommandInfo,
  connect,
  type KeySpec,
  type RedisClient,
} from "../../mod.ts";
import { commands } from "../../src/commands/mod.ts";
import {
  allKeys,
  command,
  firstKey,
  type KeyLocation,
  keyPositions,
  keysAt,
  keysFrom,
  noKeys,
  numkeysAt,
  secondKey,
} from "../../src/commands/_define.ts";
import { startServer, type TestServer } from "../_server.ts";
import { serverBuild, serverHas } from "../_process.ts";

const running = `${serverBuild().name} ${serverBuild().version}`;

const bytes = (text: string) => new TextEncoder().encode(text);

describe("keyPositions", () => {
  const argv = ["CMD", "a", "b", "c", "d", "e"];

  it("finds nothing without locations", () => {
    assert.deepEqual(keyPositions([], argv), []);
    assert.deepEqual(keyPositions(noKeys, argv), []);
  });

  it("finds one key by index, negative from the end", () => {
    assert.deepEqual(keyPositions([{ index: 2 }], argv), [2]);
    assert.deepEqual(keyPositions([{ index: -1 }], argv), [5]);
    assert.deepEqual(keyPositions([{ index: -2 }], argv), [4]);
    assert.deepEqual(keyPositions([firstKey, secondKey], argv), [1, 2]);
  });

  it("leaves out an index outside the vector or at the command name", () => {
    assert.deepEqual(keyPositions([{ index: 6 }], argv), []);
    assert.deepEqual(keyPositions([{ index: -6 }], argv), []);
    assert.deepEqual(keyPositions([{ index: -7 }], argv), []);
    assert.deepEqual(keyPositions([{ index: 0 }], argv), []);
    assert.deepEqual(keyPositions([firstKey], ["GET"]), []);
  });

  it("finds a range with a step and trailing non-keys", () => {
    assert.deepEqual(keyPositions([{ from: 1 }], argv), [1, 2, 3, 4, 5]);
    assert.deepEqual(keyPositions([{ from: 1, step: 2 }], argv), [1, 3, 5]);
    assert.deepEqual(keyPositions([{ from: 1, last: 1 }], argv), [1, 2, 3, 4]);
    assert.deepEqual(keyPositions([{ from: 2, step: 2, last: 1 }], argv), [
      2,
      4,
    ]);
    assert.deepEqual(keyPositions([{ from: 1, last: 1 }], ["BLPOP", 0]), []);
    assert.deepEqual(keyPositions([allKeys], ["DEL"]), []);
  });

  it("finds keys counted by a numkeys argument", () => {
    const eval_ = ["EVAL", "s", 2, "k1", "k2", "a1"];
    assert.deepEqual(keyPositions([{ numkeys: 2 }], eval_), [3, 4]);
    assert.deepEqual(
      keyPositions([{ numkeys: 2 }], ["EVAL", "s", "2", "k1", "k2"]),
      [
        3,
        4,
      ],
    );
    assert.deepEqual(
      keyPositions([{ numkeys: 2 }], ["EVAL", "s", bytes("2"), "k1", "k2"]),
      [3, 4],
    );
    assert.deepEqual(
      keyPositions([{ numkeys: 2 }], ["EVAL", "s", 2n, "k", "l"]),
      [
        3,
        4,
      ],
    );
    assert.deepEqual(
      keyPositions([{ numkeys: 1, step: 2 }], ["X", "2", "k", "v", "l", "w"]),
      [2, 4],
    );
  });

  it("finds no keys for a numkeys of 0", () => {
    assert.deepEqual(keyPositions([{ numkeys: 2 }], ["EVAL", "s", 0, "a"]), []);
    assert.deepEqual(keyPositions([{ numkeys: 2 }], ["EVAL", "s", "0"]), []);
  });

  it("counts no keys for a numkeys that is not a non-negative integer, without throwing", () => {
    for (
      const count of ["abc", "", "-1", "1.5", "1e2", " 1", -1, 1.5, NaN, -1n]
    ) {
      assert.deepEqual(
        keyPositions([{ numkeys: 1 }], ["ZUNION", count as Arg, "a", "b"]),
        [],
        String(count),
      );
    }
    // numkeys itself outside the vector.
    assert.deepEqual(keyPositions([{ numkeys: 2 }], ["EVAL", "s"]), []);
  });

  it("stops a numkeys count larger than what follows at the end", () => {
    assert.deepEqual(keyPositions([{ numkeys: 1 }], ["ZUNION", 5, "a", "b"]), [
      2,
      3,
    ]);
    assert.deepEqual(
      keyPositions([{ numkeys: 1 }], ["ZUNION", "99999999999999999999", "a"]),
      [],
    );
  });

  it("finds the keys after a keyword, in any case, as text or bytes", () => {
    const spec: KeyLocation = { keyword: "KEYS", from: 1 };
    assert.deepEqual(keyPositions([spec], ["X", "a", "KEYS", "k", "l"]), [
      3,
      4,
    ]);
    assert.deepEqual(keyPositions([spec], ["X", "a", "keys", "k"]), [3]);
    assert.deepEqual(keyPositions([spec], ["X", "a", bytes("kEyS"), "k"]), [3]);
    assert.deepEqual(keyPositions([spec], ["X", "a", "KEYS"]), []);
    // Only ASCII letters fold: "KEYS" with a non-letter differing by 0x20.
    assert.deepEqual(
      keyPositions([{ keyword: "A1", from: 1 }], ["X", "a\x11", "k"]),
      [],
    );
  });

  it("searches for the keyword from `from` on", () => {
    const spec: KeyLocation = { keyword: "STREAMS", from: 4, share: 2 };
    const argv = [
      "XREADGROUP",
      "GROUP",
      "STREAMS",
      "STREAMS",
      "STREAMS",
      "k",
      "0",
    ];
    assert.deepEqual(keyPositions([spec], argv), [5]);
  });

  it("takes the first 1/share of what follows the keyword", () => {
    const spec: KeyLocation = { keyword: "STREAMS", from: 1, share: 2 };
    assert.deepEqual(
      keyPositions([spec], [
        "XREAD",
        "COUNT",
        1,
        "STREAMS",
        "a",
        "b",
        "0",
        "0",
      ]),
      [4, 5],
    );
    // An odd count (a syntax error for the server) rounds down.
    assert.deepEqual(
      keyPositions([spec], ["XREAD", "STREAMS", "a", "b", "0"]),
      [2],
    );
  });

  it("takes the first occurrence of the keyword, so a key may equal it", () => {
    const spec: KeyLocation = { keyword: "STREAMS", from: 1, share: 2 };
    const argv = ["XREAD", "STREAMS", "k", "STREAMS", "0", "0"];
    assert.deepEqual(keyPositions([spec], argv), [2, 3]);
    assert.deepEqual(keyPositions(commands.xread.keys, argv), [2, 3]);
  });

  it("skips the values of option words while searching", () => {
    const spec: KeyLocation = {
      keyword: "KEYS",
      from: 1,
      skip: { AUTH: 1, AUTH2: 2 },
    };
    assert.deepEqual(
      keyPositions([spec], ["X", "AUTH", "KEYS", "KEYS", "k"]),
      [4],
    );
    assert.deepEqual(
      keyPositions([spec], ["X", "auth2", "KEYS", "KEYS", "KEYS", "k"]),
      [5],
    );
    assert.deepEqual(keyPositions([spec], ["X", "AUTH", "KEYS"]), []);
    // Without skip the option value would be taken for the keyword.
    assert.deepEqual(
      keyPositions([{ keyword: "KEYS", from: 1 }], [
        "X",
        "AUTH",
        "KEYS",
        "KEYS",
        "k",
      ]),
      [3, 4],
    );
  });

  it("falls back to `otherwise` when the keyword is absent", () => {
    const spec = commands.migrate.keys;
    assert.deepEqual(
      keyPositions(spec, ["MIGRATE", "h", 6379, "k", 0, 1000, "COPY"]),
      [3],
    );
    assert.deepEqual(
      keyPositions(spec, [
        "MIGRATE",
        "h",
        6379,
        "",
        0,
        1000,
        "AUTH",
        "KEYS",
        "KEYS",
        "KEYS",
        "b",
      ]),
      [9, 10],
    );
    assert.deepEqual(
      keyPositions([{ keyword: "STREAMS", from: 1 }], ["XREAD", "COUNT", 1]),
      [],
    );
  });

  it("concatenates the groups in order", () => {
    assert.deepEqual(
      keyPositions(numkeysAt(2, 1), [
        "ZUNIONSTORE",
        "d",
        2,
        "a",
        "b",
        "WEIGHTS",
      ]),
      [1, 3, 4],
    );
    assert.deepEqual(keyPositions(keysAt(1, -1), ["SORT", "s", "STORE", "d"]), [
      1,
      3,
    ]);
  });
});

describe("key location helpers", () => {
  it("are plain, JSON-serialisable data", () => {
    assert.deepEqual(JSON.parse(JSON.stringify(noKeys)), []);
    assert.deepEqual(firstKey, { index: 1 });
    assert.deepEqual(secondKey, { index: 2 });
    assert.deepEqual(allKeys, { from: 1 });
    assert.deepEqual(keysAt(1, -1), [{ index: 1 }, { index: -1 }]);
    assert.deepEqual(keysFrom(1), { from: 1 });
    assert.deepEqual(keysFrom(1, 2), { from: 1, step: 2 });
    assert.deepEqual(keysFrom(1, 1, 1), { from: 1, last: 1 });
    assert.deepEqual(numkeysAt(2, 1), [{ index: 1 }, { numkeys: 2 }]);
    for (const [method, declaration] of Object.entries(commands)) {
      const keys = (declaration as { keys: readonly KeyLocation[] }).keys;
      assert.ok(Array.isArray(keys), method);
      assert.deepEqual(JSON.parse(JSON.stringify(keys)), keys, method);
    }
  });

  it("command() makes a list of one location, and none by default", () => {
    const build = (): Arg[] => ["X"];
    assert.deepEqual(command({ name: "X", build }).keys, []);
    assert.deepEqual(command({ name: "X", build, keys: firstKey }).keys, [
      firstKey,
    ]);
    assert.deepEqual(
      command({ name: "X", build, keys: keysAt(1, 2) }).keys,
      [{ index: 1 }, { index: 2 }],
    );
  });
});

// ---------------------------------------------------------------------------
// Against COMMAND INFO

/**
 * A server key specification as key locations, or why it is not a plain
 * index/range/keynum/keyword one.
 */
function fromServer(spec: KeySpec): KeyLocation[] | string {
  const begin = spec.beginSearch;
  const find = spec.findKeys;
  if (begin.type === "unknown" || find.type === "unknown") return "unknown";
  if (begin.type === "index") {
    const at = begin.index;
    if (find.type === "range") {
      if (find.lastKey >= 0) {
        const out: KeyLocation[] = [];
        for (let i = 0; i <= find.lastKey; i += find.keyStep) {
          out.push({ index: at + i });
        }
        return out;
      }
      if (find.limit > 1) return "index with a limited range";
      return [range(at, find.keyStep, -find.lastKey - 1)];
    }
    if (find.firstKey !== find.keyNumIdx + 1) return "keys apart from numkeys";
    return [
      find.keyStep === 1
        ? { numkeys: at + find.keyNumIdx }
        : { numkeys: at + find.keyNumIdx, step: find.keyStep },
    ];
  }
  if (begin.startFrom < 1) return "keyword searched from the end";
  if (find.type !== "range" || find.lastKey !== -1 || find.keyStep !== 1) {
    return "keyword followed by anything but all or a share of the rest";
  }
  return [
    find.limit > 1
      ? { keyword: begin.keyword, from: begin.startFrom, share: find.limit }
      : { keyword: begin.keyword, from: begin.startFrom },
  ];
}

function range(from: number, step: number, last: number): KeyLocation {
  const out: { from: number; step?: number; last?: number } = { from };
  if (step !== 1) out.step = step;
  if (last !== 0) out.last = last;
  return out;
}

/**
 * Key locations in one spelling: defaults dropped, `skip` dropped (a
 * respite refinement of the search that COMMAND INFO cannot express; the
 * GETKEYS test checks it), and a single key followed by a range from the
 * next argument merged into one range (`PFMERGE dest src...` is both
 * `[{ index: 1 }, { from: 2 }]` and `[{ from: 1 }]`).
 */
function canonical(locations: readonly KeyLocation[]): KeyLocation[] {
  const out: KeyLocation[] = [];
  for (const location of locations) {
    let next: KeyLocation;
    if ("keyword" in location) {
      const { skip: _skip, ...rest } = location;
      next = rest.share === 1 ? { ...rest, share: undefined } : rest;
      next = JSON.parse(JSON.stringify(next));
    } else if ("numkeys" in location) {
      next = (location.step ?? 1) === 1
        ? { numkeys: location.numkeys }
        : location;
    } else if ("from" in location) {
      next = range(location.from, location.step ?? 1, location.last ?? 0);
    } else {
      next = { index: location.index };
    }
    const previous = out.at(-1);
    if (
      previous !== undefined && "index" in previous && "from" in next &&
      !("keyword" in next) && (next.step ?? 1) === 1 &&
      previous.index > 0 && next.from === previous.index + 1
    ) {
      out[out.length - 1] = range(previous.index, 1, next.last ?? 0);
    } else {
      out.push(next);
    }
  }
  return out;
}

/**
 * Where a declaration deliberately differs from the server's key specs:
 * `drop` lists the server specs (by position) that do not apply to it, and
 * `instead` what it has in their place (appended after the remaining ones).
 */
interface Exception {
  reason: string;
  drop: number[];
  instead?: KeyLocation[];
}

const GEORADIUS_NO_STORE: Exception = {
  reason: "builds no STORE/STOREDIST (the *Store variant does)",
  drop: [1, 2],
};
const GEORADIUS_STORE: Exception = {
  reason: "STORE or STOREDIST and the destination are always last in " +
    "respite's build, so the destination is the last argument",
  drop: [1, 2],
  instead: [{ index: -1 }],
};

const EXCEPTIONS: Record<string, Exception> = {
  // EXISTS takes any number of keys; `exists` builds exactly one (the
  // many-key form is `existsCount`).
  exists: {
    reason: "builds one key: EXISTS key",
    drop: [0],
    instead: [{ index: 1 }],
  },
  // GEORADIUS[BYMEMBER] find STORE/STOREDIST by a keyword searched from
  // the 6th/5th argument, to the end of the vector.
  georadius: GEORADIUS_NO_STORE,
  georadiusWith: GEORADIUS_NO_STORE,
  georadiusbymember: GEORADIUS_NO_STORE,
  georadiusbymemberWith: GEORADIUS_NO_STORE,
  georadiusStore: GEORADIUS_STORE,
  georadiusbymemberStore: GEORADIUS_STORE,
  // SORT's BY/GET patterns name keys derived from the content of the
  // sorted key (spec "unknown"): they cannot be located from the arguments
  // (nor routed in a cluster), so no declaration claims them.
  sortRo: { reason: "BY/GET pattern keys are unknowable", drop: [1] },
  sort: {
    reason: "BY/GET pattern keys are unknowable; `sort` builds no STORE " +
      "(`sortStore` does)",
    drop: [1, 2],
  },
  sortStore: {
    reason: "BY/GET pattern keys are unknowable; the STORE spec is " +
      "'unknown' (STORE may be anywhere), but respite's build puts it last",
    drop: [1, 2],
    instead: [{ index: -1 }],
  },
  // MIGRATE: the server publishes the key argument (index 3) and, flagged
  // INCOMPLETE, KEYS searched backwards from the end (which a key named
  // "KEYS" defeats). Its actual key extraction searches forward from the
  // options, skipping AUTH/AUTH2 values, and uses index 3 only without
  // KEYS: respite declares exactly that, as one location.
  migrate: {
    reason: "one keyword search from the options with index 3 otherwise, " +
      "as the server's getkeys does, in place of its INCOMPLETE spec",
    drop: [0, 1],
    instead: [{ keyword: "KEYS", from: 6, otherwise: { index: 3 } }],
  },
};

describe(`key locations against COMMAND INFO of ${running}`, () => {
  let srv: TestServer;
  let client: RedisClient;
  const infos = new Map<string, CommandInfo>();
  type Declaration = {
    name: string;
    keys: readonly KeyLocation[];
    since?: { redis?: string; valkey?: string };
  };
  const declarations = commands as unknown as Record<string, Declaration>;

  before(async () => {
    srv = await startServer();
    client = await connect({ port: srv.port, protocol: 3 });
    const collect = (info: CommandInfo | null) => {
      if (info === null) return;
      infos.set(info.name, info);
      for (const sub of info.subcommands) collect(sub);
    };
    for (const info of await client.commandInfo()) collect(info);
  });

  after(async () => {
    client?.disconnect();
    await srv?.stop();
  });

  const infoName = (declaration: Declaration) =>
    declaration.name.toLowerCase().replace(" ", "|");

  /**
   * What the declaration's keys should be according to the server, or why
   * the server's specs cannot say.
   */
  function expected(
    declaration: Declaration,
    exception: Exception | undefined,
  ): KeyLocation[] | string {
    const name = declaration.name.toLowerCase().replace(" ", "|");
    const info = infos.get(name);
    if (info === undefined) return `no COMMAND INFO for ${name}`;
    const out: KeyLocation[] = [];
    for (const [i, spec] of info.keySpecs.entries()) {
      if (exception?.drop.includes(i)) continue;
      // A shard channel (SPUBLISH): hashed to a slot like a key, but not a
      // key; routing it is the cluster client's business, not a key
      // location's.
      if (spec.flags.includes("not_key")) continue;
      if (spec.flags.includes("incomplete")) return `spec ${i} is incomplete`;
      const locations = fromServer(spec);
      if (typeof locations === "string") return `spec ${i}: ${locations}`;
      out.push(...locations);
    }
    out.push(...exception?.instead ?? []);
    return out;
  }

  it("the server publishes key specs (Redis 7.0+)", () => {
    assert.ok(infos.size > 200, `only ${infos.size} commands`);
    assert.ok((infos.get("get")?.keySpecs.length ?? 0) > 0, "no key specs");
  });

  it(`every declaration's key locations match the key specs of ${running}, for the commands it has`, () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const [method, declaration] of Object.entries(declarations)) {
      // A command newer than the server: nothing to compare with here.
      if (!serverHas(declaration.since) && !infos.has(infoName(declaration))) {
        continue;
      }
      checked++;
      const theirs = expected(declaration, EXCEPTIONS[method]);
      const ours = JSON.stringify(canonical(declaration.keys));
      if (typeof theirs === "string") {
        wrong.push(`${method}: ${theirs}; ours ${ours}`);
      } else if (JSON.stringify(canonical(theirs)) !== ours) {
        wrong.push(
          `${method}: ours ${ours}, server ${
            JSON.stringify(canonical(theirs))
          }`,
        );
      }
    }
    assert.deepEqual(wrong, []);
    assert.ok(checked > 300, `only ${checked} declarations checked`);
  });

  it("every exception names a declaration, gives a reason and is needed", () => {
    for (const [method, exception] of Object.entries(EXCEPTIONS)) {
      const declaration = declarations[method];
      assert.ok(declaration !== undefined, `${method} is not declared`);
      assert.ok(exception.reason.length > 20, `${method} has no real reason`);
      const name = declaration.name.toLowerCase().replace(" ", "|");
      const count = infos.get(name)?.keySpecs.length ?? 0;
      for (const i of exception.drop) {
        assert.ok(i < count, `${method}: the server has no spec ${i}`);
      }
      const plain = expected(declaration, undefined);
      assert.ok(
        typeof plain === "string" ||
          JSON.stringify(canonical(plain)) !==
            JSON.stringify(canonical(declaration.keys)),
        `${method}: the exception is not needed`,
      );
    }
  });
});
