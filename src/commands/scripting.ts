/**
 * The scripting and function commands (EVAL, SCRIPT LOAD, FUNCTION LOAD, FCALL, ...).
 *
 * @module
 */

import type { Arg, Reply } from "../resp/types.ts";
import {
  bool,
  BYTES_REPLY,
  checkExclusive,
  checkKeys,
  checkNotEmpty,
  command,
  type Declarations,
  type Key,
  list,
  num,
  numkeysAt,
  ok,
  optionKeys,
  pairs,
  READONLY,
  record,
  str,
} from "./_define.ts";

/**
 * Options of `scriptFlush`: flush the script cache asynchronously or
 * synchronously, not both. Without either the server follows its
 * `lazyfree-lazy-user-flush` setting.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.scriptFlush({ async: true });
 * ```
 */
export type ScriptFlushOptions =
  | { async: true; sync?: never }
  | { sync: true; async?: never }
  | { async?: never; sync?: never };

/**
 * Options of `functionFlush`: remove the libraries asynchronously or
 * synchronously, not both. Without either the server follows its
 * `lazyfree-lazy-user-flush` setting.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.functionFlush({ sync: true });
 * ```
 */
export type FunctionFlushOptions = ScriptFlushOptions;

/**
 * Options of `functionLoad`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const code = "#!lua name=mylib\nredis.register_function('hello', function() return 'hi' end)";
 * await client.functionLoad(code, { replace: true });
 * ```
 */
export interface FunctionLoadOptions {
  /** Replace a library of the same name instead of failing (`REPLACE`). */
  replace?: boolean;
}

/**
 * Options of `functionList`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const libraries = await client.functionList({ libraryname: "my*", withcode: true });
 * ```
 */
export interface FunctionListOptions {
  /** Only libraries whose name matches this glob-style pattern (`LIBRARYNAME`). */
  libraryname?: string;
  /** Include each library's source code (`WITHCODE`). */
  withcode?: boolean;
}

/**
 * Options of `functionRestore`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const payload = await client.functionDump();
 * await client.functionRestore(payload, { policy: "REPLACE" });
 * ```
 */
export interface FunctionRestoreOptions {
  /**
   * What to do with the libraries already loaded: `"FLUSH"` removes them
   * first, `"APPEND"` (the server's default) fails on a name clash,
   * `"REPLACE"` replaces clashing libraries.
   */
  policy?: "FLUSH" | "APPEND" | "REPLACE";
}

/**
 * A flag a function was registered with (`flags` of `redis.register_function`).
 *
 * @example
 * ```ts
 * import type { FunctionFlag } from "@respite/redis";
 *
 * const flag: FunctionFlag = "no-writes";
 * ```
 */
export type FunctionFlag =
  | "no-writes"
  | "allow-oom"
  | "allow-stale"
  | "no-cluster"
  | "allow-cross-slot-keys";

/**
 * One function of a library, as `functionList` describes it.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const [library] = await client.functionList();
 * for (const fn of library?.functions ?? []) console.log(fn.name, fn.flags);
 * ```
 */
export interface FunctionInfo {
  /** The name to call it by with `fcall`. */
  name: string;
  /** The description it was registered with, or `null`. */
  description: string | null;
  /** The flags it was registered with. */
  flags: FunctionFlag[];
}

/**
 * One library, as `functionList` describes it.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const [library] = await client.functionList({ withcode: true });
 * console.log(library?.libraryName, library?.engine, library?.libraryCode);
 * ```
 */
export interface FunctionLibrary {
  /** The library's name (from its `#!lua name=...` line). */
  libraryName: string;
  /** The engine that runs it, such as `"LUA"`. */
  engine: string;
  /** The functions it registered. */
  functions: FunctionInfo[];
  /** Its source code; present only with `withcode: true`. */
  libraryCode?: string;
}

/**
 * The function running at the moment of a `functionStats` call.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const { runningScript } = await client.functionStats();
 * if (runningScript) console.log(runningScript.name, runningScript.durationMs);
 * ```
 */
export interface FunctionRunningScript {
  /** The function's name. */
  name: string;
  /** The command that called it, its arguments included. */
  command: string[];
  /** How long it has been running, in milliseconds. */
  durationMs: number;
}

/**
 * Library and function counts of one engine, part of {@linkcode FunctionStats}.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const { engines } = await client.functionStats();
 * console.log(engines.LUA?.librariesCount);
 * ```
 */
export interface FunctionEngineStats {
  /** How many libraries the engine has loaded. */
  librariesCount: number;
  /** How many functions those libraries registered. */
  functionsCount: number;
}

/**
 * The result of `functionStats`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const stats = await client.functionStats();
 * console.log(stats.runningScript, stats.engines.LUA?.functionsCount);
 * ```
 */
export interface FunctionStats {
  /** The function running right now, or `null` when none is. */
  runningScript: FunctionRunningScript | null;
  /** Counts per engine, by engine name (such as `LUA`). */
  engines: Record<string, FunctionEngineStats>;
}

/** `NAME target numkeys key... arg...`, the shape of EVAL and FCALL. */
function buildCall(
  name: string,
  target: string,
  keys: Key[] = [],
  args: Arg[] = [],
): Arg[] {
  if (!Array.isArray(keys)) {
    throw new TypeError(`Invalid ${name} keys: expected an array`);
  }
  if (!Array.isArray(args)) {
    throw new TypeError(`Invalid ${name} args: expected an array`);
  }
  return [name, target, keys.length, ...keys, ...args];
}

const FLUSH_KEYS = optionKeys<ScriptFlushOptions>({ async: true, sync: true });

function flushArgs(
  argv: Arg[],
  command: string,
  options: ScriptFlushOptions | undefined,
): Arg[] {
  if (options === undefined) return argv;
  checkKeys(`${command} option`, options, FLUSH_KEYS);
  checkExclusive(command, options, ["async", "sync"]);
  if (options.async) argv.push("ASYNC");
  if (options.sync) argv.push("SYNC");
  return argv;
}

const RESTORE_POLICIES = new Set(["FLUSH", "APPEND", "REPLACE"]);

const FUNCTION_RESTORE_KEYS = optionKeys<FunctionRestoreOptions>({
  policy: true,
});

function buildFunctionRestore(
  payload: Uint8Array,
  options?: FunctionRestoreOptions,
): Arg[] {
  if (!(payload instanceof Uint8Array)) {
    throw new TypeError(
      "Invalid FUNCTION RESTORE payload: expected a Uint8Array",
    );
  }
  const argv: Arg[] = ["FUNCTION", "RESTORE", payload];
  if (options === undefined) return argv;
  checkKeys("FUNCTION RESTORE option", options, FUNCTION_RESTORE_KEYS);
  const policy = options.policy;
  if (policy === undefined) return argv;
  if (!RESTORE_POLICIES.has(policy)) {
    throw new TypeError(
      `Invalid FUNCTION RESTORE policy "${policy}": expected "FLUSH", "APPEND" or "REPLACE"`,
    );
  }
  argv.push(policy);
  return argv;
}

const FUNCTION_LIST_KEYS = optionKeys<FunctionListOptions>({
  libraryname: true,
  withcode: true,
});

function buildFunctionList(options?: FunctionListOptions): Arg[] {
  const argv: Arg[] = ["FUNCTION", "LIST"];
  if (options === undefined) return argv;
  checkKeys("FUNCTION LIST option", options, FUNCTION_LIST_KEYS);
  if (options.libraryname !== undefined) {
    argv.push("LIBRARYNAME", options.libraryname);
  }
  if (options.withcode) argv.push("WITHCODE");
  return argv;
}

const FUNCTION_LOAD_KEYS = optionKeys<FunctionLoadOptions>({ replace: true });

function buildFunctionLoad(code: string, options?: FunctionLoadOptions): Arg[] {
  if (options === undefined) return ["FUNCTION", "LOAD", code];
  checkKeys("FUNCTION LOAD option", options, FUNCTION_LOAD_KEYS);
  return options.replace
    ? ["FUNCTION", "LOAD", "REPLACE", code]
    : ["FUNCTION", "LOAD", code];
}

function functionInfo(reply: Reply): FunctionInfo {
  const info: FunctionInfo = { name: "", description: null, flags: [] };
  for (const [key, value] of pairs(reply)) {
    switch (str(key)) {
      case "name":
        info.name = value as string;
        break;
      case "description":
        info.description = value as string | null;
        break;
      case "flags":
        info.flags = list(value).map((flag) => str(flag) as FunctionFlag);
        break;
    }
  }
  return info;
}

function functionLibrary(reply: Reply): FunctionLibrary {
  const library: FunctionLibrary = {
    libraryName: "",
    engine: "",
    functions: [],
  };
  for (const [key, value] of pairs(reply)) {
    switch (str(key)) {
      case "library_name":
        library.libraryName = value as string;
        break;
      case "engine":
        library.engine = value as string;
        break;
      case "functions":
        library.functions = list(value).map(functionInfo);
        break;
      case "library_code":
        library.libraryCode = value as string;
        break;
    }
  }
  return library;
}

function functionStats(reply: Reply): FunctionStats {
  const stats: FunctionStats = { runningScript: null, engines: {} };
  for (const [key, value] of pairs(reply)) {
    switch (str(key)) {
      case "running_script":
        if (value !== null) {
          const running: FunctionRunningScript = {
            name: "",
            command: [],
            durationMs: 0,
          };
          for (const [field, item] of pairs(value)) {
            switch (str(field)) {
              case "name":
                running.name = item as string;
                break;
              case "command":
                running.command = list(item) as string[];
                break;
              case "duration_ms":
                running.durationMs = num(item);
                break;
            }
          }
          stats.runningScript = running;
        }
        break;
      case "engines":
        stats.engines = record(value, (engine) => {
          const counts = record(engine, num);
          return {
            librariesCount: counts.libraries_count ?? 0,
            functionsCount: counts.functions_count ?? 0,
          };
        });
        break;
    }
  }
  return stats;
}

/**
 * The scripting and function commands (EVAL, SCRIPT LOAD, FUNCTION LOAD, FCALL, ...).
 *
 * Scripts and functions resolve to their reply as decoded, converted from
 * Lua as follows: a Lua number becomes an integer (fractions are cut off),
 * a string a string, `true` the integer `1`, `false` and `nil` `null`, a
 * table an array (up to its first `nil`), `{ ok = "..." }` a status string
 * and `{ err = "..." }` (or `redis.error_reply`) rejects with a
 * `ReplyError`. A script may return richer RESP3 types, which the client
 * only sees as such on a RESP3 connection: `{ double = 3.5 }` is the
 * number `3.5` on RESP3 but the text `"3.5"` on RESP2, `{ map = {...} }` a
 * `Map` on RESP3 but a flat array on RESP2, `{ set = {...} }` a `Set` on
 * RESP3 but an array on RESP2, `{ big_number = "..." }` a `bigint` on RESP3
 * but text on RESP2, and after `redis.setresp(3)` a Lua `true`/`false` is a
 * boolean on RESP3 but `1`/`0` on RESP2.
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis/commands";
 *
 * console.log(commands.eval.name);
 * ```
 */
export interface ScriptingCommands {
  /**
   * Runs a Lua script with `keys` (its `KEYS` table) and `args` (its `ARGV`
   * table). Resolves to the script's reply as decoded, mapped from Lua as
   * the {@linkcode ScriptingCommands} overview describes (RESP3 may give a
   * richer type for the same script than RESP2). An error raised by the
   * script rejects with a `ReplyError`. Available since Redis 2.6.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const value = await client.eval(
   *   "return redis.call('GET', KEYS[1]) or ARGV[1]",
   *   ["config:mode"],
   *   ["default"],
   * );
   * ```
   */
  eval(script: string, keys?: Key[], args?: Arg[]): Promise<Reply>;
  /**
   * Runs a read-only Lua script: like `eval`, but the server rejects any
   * write the script tries with a `ReplyError`, and the call may run on a
   * replica. Resolves to the script's reply as decoded. Available since
   * Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const length = await client.evalRo("return redis.call('STRLEN', KEYS[1])", ["k"]);
   * ```
   */
  evalRo(script: string, keys?: Key[], args?: Arg[]): Promise<Reply>;
  /**
   * Runs a script from the script cache by its SHA1 digest (see
   * `scriptLoad`). Resolves to the script's reply as decoded; rejects with a
   * `ReplyError` of code `NOSCRIPT` when the cache does not hold it.
   * Available since Redis 2.6.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const sha1 = await client.scriptLoad("return ARGV[1]");
   * console.log(await client.evalsha(sha1, [], ["hi"])); // "hi"
   * ```
   */
  evalsha(sha1: string, keys?: Key[], args?: Arg[]): Promise<Reply>;
  /**
   * Runs a cached script by its SHA1 digest as a read-only script (see
   * `evalRo`). Resolves to the script's reply as decoded. Available since
   * Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const sha1 = await client.scriptLoad("return redis.call('GET', KEYS[1])");
   * const value = await client.evalshaRo(sha1, ["k"]);
   * ```
   */
  evalshaRo(sha1: string, keys?: Key[], args?: Arg[]): Promise<Reply>;
  /**
   * Calls a function of a loaded library (see `functionLoad`) with `keys`
   * and `args`. Resolves to the function's reply as decoded, mapped from
   * Lua as for `eval`. Available since Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const total = await client.fcall("add", ["counter"], [5]);
   * ```
   */
  fcall(func: string, keys?: Key[], args?: Arg[]): Promise<Reply>;
  /**
   * Calls a function registered with the `no-writes` flag, as a read-only
   * command that may run on a replica. Resolves to the function's reply as
   * decoded. Available since Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const value = await client.fcallRo("peek", ["counter"]);
   * ```
   */
  fcallRo(func: string, keys?: Key[], args?: Arg[]): Promise<Reply>;
  /**
   * Removes a function library and all its functions. Resolves to `"OK"`;
   * rejects with a `ReplyError` when no library has that name. Available
   * since Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.functionDelete("mylib");
   * ```
   */
  functionDelete(libraryName: string): Promise<"OK">;
  /**
   * Serializes every loaded library into a binary payload for
   * `functionRestore`. Resolves to the payload as a `Uint8Array` (in every
   * view). Available since Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const payload = await client.functionDump();
   * await using other = await connect("redis://other.example:6379");
   * await other.functionRestore(payload);
   * ```
   */
  functionDump(): Promise<Uint8Array>;
  /**
   * Removes every function library. Resolves to `"OK"`. Available since
   * Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.functionFlush({ async: true });
   * ```
   */
  functionFlush(options?: FunctionFlushOptions): Promise<"OK">;
  /**
   * Asks the server how to use the FUNCTION subcommands. Resolves to the
   * lines of help text. Available since Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log((await client.functionHelp()).join("\n"));
   * ```
   */
  functionHelp(): Promise<string[]>;
  /**
   * Stops the function that is running right now, provided it has not
   * written anything yet. Resolves to `"OK"`; rejects with a `ReplyError` of
   * code `NOTBUSY` when no function runs. Available since Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.functionKill();
   * ```
   */
  functionKill(): Promise<"OK">;
  /**
   * Describes the loaded libraries and their functions, optionally only
   * those whose name matches `libraryname`, and with their code when
   * `withcode` is set. Resolves to one {@linkcode FunctionLibrary} per
   * library. Available since Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * for (const library of await client.functionList()) {
   *   console.log(library.libraryName, library.functions.map((f) => f.name));
   * }
   * ```
   */
  functionList(options?: FunctionListOptions): Promise<FunctionLibrary[]>;
  /**
   * Loads a function library from its source (which starts with a
   * `#!lua name=<library>` line). Resolves to the library's name; rejects
   * with a `ReplyError` when a library of that name exists unless `replace`
   * is set. Available since Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const name = await client.functionLoad(
   *   "#!lua name=mylib\nredis.register_function('hello', function() return 'hi' end)",
   * ); // "mylib"
   * ```
   */
  functionLoad(code: string, options?: FunctionLoadOptions): Promise<string>;
  /**
   * Loads the libraries of a payload made by `functionDump`, handling name
   * clashes as `policy` says. Resolves to `"OK"`. Available since Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const payload = await client.functionDump();
   * await client.functionRestore(payload, { policy: "REPLACE" });
   * ```
   */
  functionRestore(
    payload: Uint8Array,
    options?: FunctionRestoreOptions,
  ): Promise<"OK">;
  /**
   * Tells which function is running right now, if any, and how many
   * libraries and functions each engine holds. Resolves to a
   * {@linkcode FunctionStats}. Available since Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const { engines } = await client.functionStats();
   * console.log(engines.LUA?.functionsCount);
   * ```
   */
  functionStats(): Promise<FunctionStats>;
  /**
   * Tells, for each SHA1 digest, whether the script cache holds that
   * script. Resolves to one boolean per digest, in order. Available since
   * Redis 2.6.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const sha1 = await client.scriptLoad("return 1");
   * const [cached] = await client.scriptExists(sha1); // true
   * ```
   */
  scriptExists(...sha1s: string[]): Promise<boolean[]>;
  /**
   * Empties the script cache. Resolves to `"OK"`. Available since Redis
   * 2.6; `async`/`sync` since 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.scriptFlush({ sync: true });
   * ```
   */
  scriptFlush(options?: ScriptFlushOptions): Promise<"OK">;
  /**
   * Asks the server how to use the SCRIPT subcommands. Resolves to the
   * lines of help text. Available since Redis 5.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log((await client.scriptHelp()).join("\n"));
   * ```
   */
  scriptHelp(): Promise<string[]>;
  /**
   * Stops the script that is running right now, provided it has not
   * written anything yet. Resolves to `"OK"`; rejects with a `ReplyError` of
   * code `NOTBUSY` when no script runs. Available since Redis 2.6.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.scriptKill();
   * ```
   */
  scriptKill(): Promise<"OK">;
  /**
   * Adds a script to the script cache without running it. Resolves to its
   * SHA1 digest (40 hex characters), to pass to `evalsha`. Available since
   * Redis 2.6.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const sha1 = await client.scriptLoad("return redis.call('GET', KEYS[1])");
   * ```
   */
  scriptLoad(script: string): Promise<string>;
  /**
   * Returns the source of a script in the script cache, by its SHA1
   * digest; rejects with a `ReplyError` of code `NOSCRIPT` when the cache
   * does not hold it. Available since Valkey 8.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const sha1 = await client.scriptLoad("return 1");
   * console.log(await client.scriptShow(sha1)); // "return 1"
   * ```
   */
  scriptShow(sha1: string): Promise<string>;
}

/** The declarations of the scripting and function commands. */
export const scriptingCommands: Declarations<ScriptingCommands> = {
  eval: command({
    name: "EVAL",
    build: (script: string, keys?: Key[], args?: Arg[]): Arg[] =>
      buildCall("EVAL", script, keys, args),
    keys: numkeysAt(2),
  }),
  evalRo: command({
    name: "EVAL_RO",
    build: (script: string, keys?: Key[], args?: Arg[]): Arg[] =>
      buildCall("EVAL_RO", script, keys, args),
    keys: numkeysAt(2),
    flags: READONLY,
  }),
  evalsha: command({
    name: "EVALSHA",
    build: (sha1: string, keys?: Key[], args?: Arg[]): Arg[] =>
      buildCall("EVALSHA", sha1, keys, args),
    keys: numkeysAt(2),
  }),
  evalshaRo: command({
    name: "EVALSHA_RO",
    build: (sha1: string, keys?: Key[], args?: Arg[]): Arg[] =>
      buildCall("EVALSHA_RO", sha1, keys, args),
    keys: numkeysAt(2),
    flags: READONLY,
  }),
  fcall: command({
    name: "FCALL",
    build: (func: string, keys?: Key[], args?: Arg[]): Arg[] =>
      buildCall("FCALL", func, keys, args),
    keys: numkeysAt(2),
  }),
  fcallRo: command({
    name: "FCALL_RO",
    build: (func: string, keys?: Key[], args?: Arg[]): Arg[] =>
      buildCall("FCALL_RO", func, keys, args),
    keys: numkeysAt(2),
    flags: READONLY,
  }),
  functionDelete: command({
    name: "FUNCTION DELETE",
    build: (libraryName: string): Arg[] => [
      "FUNCTION",
      "DELETE",
      libraryName,
    ],
    reply: ok,
    route: { request: "all_shards", response: "all_succeeded" },
  }),
  functionDump: command({
    name: "FUNCTION DUMP",
    build: (): Arg[] => ["FUNCTION", "DUMP"],
    flags: BYTES_REPLY,
    reply: (reply) => reply as Uint8Array,
  }),
  functionFlush: command({
    name: "FUNCTION FLUSH",
    build: (options?: FunctionFlushOptions): Arg[] =>
      flushArgs(["FUNCTION", "FLUSH"], "FUNCTION FLUSH", options),
    reply: ok,
    route: { request: "all_shards", response: "all_succeeded" },
  }),
  functionHelp: command({
    name: "FUNCTION HELP",
    build: (): Arg[] => ["FUNCTION", "HELP"],
    reply: (reply) => list(reply) as string[],
  }),
  functionKill: command({
    name: "FUNCTION KILL",
    build: (): Arg[] => ["FUNCTION", "KILL"],
    reply: ok,
    route: { request: "all_shards", response: "one_succeeded" },
  }),
  functionList: command({
    name: "FUNCTION LIST",
    build: buildFunctionList,
    reply: (reply) => list(reply).map(functionLibrary),
  }),
  functionLoad: command({
    name: "FUNCTION LOAD",
    build: buildFunctionLoad,
    reply: (reply) => reply as string,
    route: { request: "all_shards", response: "all_succeeded" },
  }),
  functionRestore: command({
    name: "FUNCTION RESTORE",
    build: buildFunctionRestore,
    reply: ok,
    route: { request: "all_shards", response: "all_succeeded" },
  }),
  functionStats: command({
    name: "FUNCTION STATS",
    build: (): Arg[] => ["FUNCTION", "STATS"],
    reply: functionStats,
    route: { request: "all_shards", response: "special" },
  }),
  scriptExists: command({
    name: "SCRIPT EXISTS",
    build: (...sha1s: string[]): Arg[] => {
      checkNotEmpty("SCRIPT EXISTS", "SHA1 digest", sha1s);
      return ["SCRIPT", "EXISTS", ...sha1s];
    },
    reply: (reply) => list(reply).map(bool),
    route: { request: "all_shards", response: "agg_logical_and" },
  }),
  scriptFlush: command({
    name: "SCRIPT FLUSH",
    build: (options?: ScriptFlushOptions): Arg[] =>
      flushArgs(["SCRIPT", "FLUSH"], "SCRIPT FLUSH", options),
    reply: ok,
    route: { request: "all_nodes", response: "all_succeeded" },
  }),
  scriptHelp: command({
    name: "SCRIPT HELP",
    build: (): Arg[] => ["SCRIPT", "HELP"],
    reply: (reply) => list(reply) as string[],
  }),
  scriptKill: command({
    name: "SCRIPT KILL",
    build: (): Arg[] => ["SCRIPT", "KILL"],
    reply: ok,
    route: { request: "all_shards", response: "one_succeeded" },
  }),
  scriptLoad: command({
    name: "SCRIPT LOAD",
    build: (script: string): Arg[] => ["SCRIPT", "LOAD", script],
    reply: (reply) => reply as string,
    route: { request: "all_nodes", response: "all_succeeded" },
  }),
  scriptShow: command({
    name: "SCRIPT SHOW",
    build: (sha1: string): Arg[] => ["SCRIPT", "SHOW", sha1],
    reply: (reply) => reply as string,
    since: { valkey: "8.0.0" },
  }),
};
