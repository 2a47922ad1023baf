/**
 * Test helper: starts private Redis Sentinel deployments (one master,
 * replicas and sentinels: `redis-server` processes on free loopback ports,
 * each in its own temp dir), waits until the sentinels agree on them, and
 * drives failovers, crashes, restarts and sentinel outages for the Sentinel
 * client tests.
 *
 * Like `_server.ts` and `_cluster.ts` it uses only `node:` builtins, so it
 * runs under `deno test`, `bun test` and `node --test`, and it never talks
 * to a server it did not start. It talks to the servers over the tiny RESP2
 * client of `_process.ts`, not the client under test.
 *
 * What redis 7.0's Sentinel does on loopback, as far as this helper cares:
 *
 * - A sentinel never logs "Ready to accept connections"; it is
 *   ready once it logged its "Sentinel ID is ..." line.
 * - No `sentinel announce-ip` is needed: sentinels announce the address
 *   they reach the master from (127.0.0.1) in their hello messages, and
 *   replicas are listed with the address the master sees, 127.0.0.1.
 * - Sentinels find each other through hello messages on the master's
 *   `__sentinel__:hello` channel, published every 2 s. The helper rather
 *   gives each sentinel its ID (`sentinel myid`) and the others
 *   (`sentinel known-sentinel`) in its config, as a rewritten config has
 *   them; a deployment still takes about 1 s to agree, since a sentinel
 *   that found a peer not listening yet tries again only a second later.
 * - `SENTINEL FAILOVER` moves the master in about 2 s. A live old master,
 *   though, is only turned into a replica of the new one once a sentinel
 *   has seen it claim to be a master for 8 s, and sentinels ask a replica
 *   for INFO every 10 s: about 10 s after the failover.
 *   {@linkcode TestSentinel.failover} therefore demotes it itself, with the
 *   same commands a sentinel sends.
 * - After a crash of the master the sentinels agree on a new one in about
 *   4 s (`down-after-milliseconds` 1500, `failover-timeout` 1000). A
 *   shorter `down-after-milliseconds` than about 1100 ms invites a second,
 *   spurious failover (see {@linkcode SentinelOptions.downAfterMs}).
 * - A sentinel accepts `user` lines (ACL) and `requirepass` in its config;
 *   `user default off` makes every client authenticate. Sentinels then
 *   authenticate to each other with `sentinel sentinel-user` and
 *   `sentinel sentinel-pass`, and to data nodes with `sentinel auth-user`
 *   and `auth-pass`. ACL rules may name SENTINEL subcommands, such as
 *   `+sentinel|get-master-addr-by-name`.
 * - Sentinels know instances by address only, and never forget one. A
 *   sentinel of another deployment on this host that once monitored a port
 *   one of ours now uses would send it `REPLICAOF` (and its replicas would
 *   sync from our master). So every node has an admin user of the helper's
 *   (random password) that replicas, sentinels and the helper use, and the
 *   `default` user may not `REPLICAOF`/`SLAVEOF`/`SYNC`/`PSYNC` on data
 *   nodes, nor `PUBLISH` (hello messages) or vote on sentinels. Hello
 *   messages such a sentinel publishes on a data node still reach our
 *   sentinels; a sentinel of another deployment that they then list makes
 *   {@linkcode TestSentinel.waitForMaster} fail, saying so. Give each
 *   long-lived deployment on a host its own `name` to be safe.
 *
 * @module
 */

import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  baseArgs,
  HOST,
  launch,
  LogTail,
  type Reply,
  ReplyError,
  respCall,
  type RespEndpoint,
  respExchange,
  type Running,
  runRedisCli,
  sleep,
  stopAll,
  stopProcess,
  Watchdog,
  withFreePorts,
} from "./_process.ts";

/** An ACL user defined on every sentinel (see {@linkcode SentinelOptions}). */
export interface SentinelUser {
  /** The user name (not `default`, and not the helper's own admin user). */
  username: string;
  /** Its password. */
  password: string;
  /**
   * Its ACL rules, after `on` and the password. Default
   * {@linkcode SENTINEL_CLIENT_RULES}: what a Sentinel client needs.
   */
  rules?: string;
}

/** What kind of private deployment {@linkcode startSentinel} should start. */
export interface SentinelOptions {
  /** Replicas of the master. Default 2. */
  replicas?: number;
  /** Sentinels. Default 3. */
  sentinels?: number;
  /** The master group's name (letters, digits, `.`, `_`, `-`). Default `"mymaster"`. */
  name?: string;
  /** Sentinels that must agree that the master is down. Default 2 (1 with one sentinel). */
  quorum?: number;
  /**
   * `sentinel down-after-milliseconds`. Default 1500. Keep it above about
   * 1100: a sentinel reconnects to an instance at most once a second and
   * does not reset that timer when it switches to a new master, so after a
   * crash it may take up to a second to reach the new master. With a
   * shorter `downAfterMs` it then flags the new master down and, with the
   * other sentinels' stale "master down" votes, starts a second, spurious
   * failover at once (seen in a quarter of crash failovers at 500 and
   * 1000 ms; the first new master is then only demoted ~10 s later).
   */
  downAfterMs?: number;
  /** `sentinel failover-timeout`, in ms. Default 1000. */
  failoverTimeoutMs?: number;
  /**
   * Password of the data nodes' `default` user (what `requirepass` sets),
   * for clients. Replicas, sentinels and the helper authenticate as the
   * helper's own admin user (`masteruser`/`masterauth`, `sentinel
   * auth-user`/`auth-pass`) whether or not there is a password.
   */
  password?: string;
  /**
   * Password of the sentinels' `default` user (what `requirepass` sets):
   * clients then send `AUTH <sentinelPassword>` to the sentinels.
   */
  sentinelPassword?: string;
  /**
   * An ACL user on every sentinel. Unless `sentinelPassword` is given too,
   * the sentinels' `default` user is then `off`: every client has to
   * authenticate (`-NOAUTH` otherwise).
   */
  sentinelUser?: SentinelUser;
  /** Extra `redis-server` arguments for every data node. */
  args?: string[];
  /** Extra lines for every `sentinel.conf`, e.g. `"sentinel announce-hostnames no"`. */
  sentinelConfig?: string[];
  /** How long starting may take, in ms. Default 30000. */
  timeout?: number;
}

/**
 * The ACL rules that {@linkcode SentinelOptions.sentinelUser} gets by
 * default: what a Sentinel client needs (AUTH, HELLO, PING, CLIENT, ROLE,
 * (P)(UN)SUBSCRIBE on any channel, and SENTINEL GET-MASTER-ADDR-BY-NAME,
 * MASTER, REPLICAS, SLAVES, SENTINELS); no INFO, no other SENTINEL
 * subcommand.
 */
export const SENTINEL_CLIENT_RULES = [
  "resetchannels",
  "&*",
  "-@all",
  "+auth",
  "+hello",
  "+ping",
  "+client",
  "+role",
  "+subscribe",
  "+psubscribe",
  "+unsubscribe",
  "+punsubscribe",
  "+sentinel|get-master-addr-by-name",
  "+sentinel|master",
  "+sentinel|replicas",
  "+sentinel|slaves",
  "+sentinel|sentinels",
].join(" ");

/** One process of a {@linkcode TestSentinel}. Updated in place by the helper. */
export interface SentinelNode {
  host: "127.0.0.1";
  /** Its TCP port (kept over restarts). */
  port: number;
  /** `redis://127.0.0.1:PORT` */
  url: string;
  /**
   * `"sentinel"` for a sentinel; for a data node its role as of the last
   * agreement (see {@linkcode TestSentinel.waitForMaster}).
   */
  role: "master" | "replica" | "sentinel";
  /** PID of the current process (changes on restarts). */
  pid: number;
  /** False after `kill`/`stopSentinel` until it is started again. */
  alive: boolean;
  /** Its own temp dir. */
  dir: string;
  /**
   * Its config file (`redis.conf` or `sentinel.conf` in `dir`), which the
   * server rewrites: sentinels on every change of state, data nodes when a
   * sentinel reconfigures them (`CONFIG REWRITE`).
   */
  configFile: string;
}

/** How {@linkcode TestSentinel.failover} runs. */
export interface FailoverOptions {
  /**
   * Turn the old master into a replica of the new one at once, with the
   * commands a sentinel would send (`REPLICAOF`, `CONFIG REWRITE`, `CLIENT
   * KILL TYPE normal`, `CLIENT KILL TYPE pubsub` in a MULTI), rather than
   * wait the ~10 s until a sentinel does. Default true.
   */
  demote?: boolean;
  /** How long it all may take, in ms. Default 30000. */
  timeoutMs?: number;
}

/** A running private Redis Sentinel deployment. Always `stop()` it. */
export interface TestSentinel {
  /** The master group's name. */
  name: string;
  /** The sentinels, in creation order. */
  sentinels: SentinelNode[];
  /** The data nodes: the first master first, then the replicas. */
  dataNodes: SentinelNode[];
  /** `redis://127.0.0.1:PORT` of every sentinel. */
  sentinelUrls: string[];
  /** The root temp dir (one subdir per process). */
  dir: string;
  /** The master, as of the last agreement. */
  master(): SentinelNode;
  /** The live data nodes other than the master, as of the last agreement. */
  replicas(): SentinelNode[];
  /**
   * Sends one command to `node` (helper's own RESP2 client) as the helper's
   * admin user, who may do anything on every node. Resolves with the reply
   * (strings, numbers, null, arrays); rejects on an error reply.
   */
  command(node: SentinelNode, ...args: string[]): Promise<unknown>;
  /**
   * Runs `redis-cli -h 127.0.0.1 -p <port> ...args` against `node` as the
   * helper's admin user, and resolves with its trimmed stdout.
   */
  cli(node: SentinelNode, ...args: string[]): Promise<string>;
  /** The first element of `node`'s `ROLE` reply, asked now. */
  role(node: SentinelNode): Promise<"master" | "slave" | "sentinel">;
  /**
   * Waits until the deployment is settled and resolves with the master:
   * every live sentinel's `GET-MASTER-ADDR-BY-NAME` names the same live data
   * node (`node`, if given); its `ROLE` is master and lists every other live
   * data node, whose `ROLE` is a connected replica of it; and every live
   * sentinel flags that master, each live replica and each other live
   * sentinel with none of `s_down`, `o_down`, `disconnected` and no failover
   * in progress. Then updates the nodes' `role`. Rejects at once if no
   * sentinel is alive, else after `timeoutMs` (default 30000) with what was
   * still wrong, the views and {@linkcode TestSentinel.logs}.
   */
  waitForMaster(node?: SentinelNode, timeoutMs?: number): Promise<SentinelNode>;
  /**
   * Waits for agreement, sends `SENTINEL FAILOVER <name>` to the first live
   * sentinel (again while it answers `-INPROG` or `-NOGOODSLAVE`), waits
   * for the sentinels to name another master, demotes the old master unless
   * told not to (see {@linkcode FailoverOptions.demote}) and waits for
   * agreement. Sentinel picks the replica.
   */
  failover(
    options?: FailoverOptions,
  ): Promise<{ from: SentinelNode; to: SentinelNode }>;
  /** SIGKILLs `node` (data node or sentinel) and waits until it is gone. */
  kill(node: SentinelNode): Promise<void>;
  /**
   * Starts `node` again on the same port and dir (SIGKILLing it first if it
   * is alive), then waits for agreement. A data node comes back as a
   * replica of the master the live sentinels name (as the master if they
   * name it, or none answers and it was the master); a sentinel with its
   * rewritten config (same ID, what it knew).
   */
  restart(node: SentinelNode): Promise<void>;
  /** Stops the sentinel `s` (SIGTERM, SIGKILL after 5 s); no wait for others. */
  stopSentinel(s: SentinelNode): Promise<void>;
  /**
   * Starts the stopped sentinel `s` again on its port, with its rewritten
   * config, and waits for agreement.
   */
  startSentinel(s: SentinelNode): Promise<void>;
  /** Last lines each process logged, for error messages. */
  logs(): string;
  /** SIGKILLs every process (by PID), waits for them and removes `dir`. */
  stop(): Promise<void>;
}

const AGREEMENT_TIMEOUT_MS = 30_000;
const POLL_MS = 50;
const STOP_GRACE_MS = 5_000;
const LOG_LINES = 15;
/** The user that the helper, replicas and sentinels use everywhere. */
const ADMIN_USER = "respite-admin";
/**
 * The data nodes' `default` user: everything but replication and
 * reconfiguration, which only the helper's admin user may do.
 */
const DATA_DEFAULT_RULES = "~* &* +@all -sync -psync -replicaof -slaveof";
/**
 * The sentinels' `default` user: everything but what sentinels send each
 * other (hello messages, votes), which only the helper's admin user may do.
 */
const SENTINEL_DEFAULT_RULES =
  "~* &* +@all -publish -sentinel|is-master-down-by-addr";
const SENTINEL_READY_LINE = "Sentinel ID is";
/** Flags that make a sentinel's view of an instance unsettled. */
const BAD_FLAGS = new Set([
  "s_down",
  "o_down",
  "disconnected",
  "failover_in_progress",
  "promoted",
  "reconf_sent",
  "reconf_inprog",
  "reconf_done",
]);

/** Said of a port that is none of the deployment's. */
const FOREIGN = ", not of this deployment: a sentinel deployment of " +
  "someone else on this host once used that port (see the module docs)";

/** Per-process state kept out of the public interface. */
interface NodeState {
  node: SentinelNode;
  kind: "data" | "sentinel";
  log: LogTail;
  running: Running | undefined;
}

/** A flat `[key, value, ...]` array as a map. */
function fieldsOf(reply: Reply): Map<string, string> {
  const out = new Map<string, string>();
  if (Array.isArray(reply)) {
    for (let i = 0; i + 1 < reply.length; i += 2) {
      out.set(String(reply[i]), String(reply[i + 1]));
    }
  }
  return out;
}

function flagsOf(fields: Map<string, string>): string[] {
  return (fields.get("flags") ?? "").split(",").filter((f) => f !== "");
}

function isInteger(value: number, min: number): boolean {
  return Number.isInteger(value) && value >= min;
}

/** What one sentinel says about the master group. */
interface SentinelView {
  /** The port of the master it names, or undefined (null reply). */
  masterPort: number | undefined;
  masterFlags: string[];
  /** Port → flags of every replica it knows. */
  replicas: Map<number, string[]>;
  /** Port → flags of every other sentinel it knows. */
  sentinels: Map<number, string[]>;
}

/**
 * Starts a private Sentinel deployment on loopback (a master, its replicas
 * and the sentinels monitoring it) and resolves once every sentinel agrees
 * on it (see {@linkcode TestSentinel.waitForMaster}). On failure everything
 * started is stopped and the error carries the processes' log tails.
 */
export async function startSentinel(
  options: SentinelOptions = {},
): Promise<TestSentinel> {
  const replicaCount = options.replicas ?? 2;
  const sentinelCount = options.sentinels ?? 3;
  const name = options.name ?? "mymaster";
  const quorum = options.quorum ?? Math.min(2, sentinelCount);
  const downAfterMs = options.downAfterMs ?? 1500;
  const failoverTimeoutMs = options.failoverTimeoutMs ?? 1000;
  const { password, sentinelPassword, sentinelUser } = options;
  if (!isInteger(replicaCount, 0)) {
    throw new RangeError(
      `replicas must be a non-negative integer: ${replicaCount}`,
    );
  }
  if (!isInteger(sentinelCount, 1)) {
    throw new RangeError(
      `sentinels must be a positive integer: ${sentinelCount}`,
    );
  }
  if (!isInteger(quorum, 1) || quorum > sentinelCount) {
    throw new RangeError(
      `quorum must be an integer from 1 to ${sentinelCount}: ${quorum}`,
    );
  }
  if (!isInteger(downAfterMs, 1) || !isInteger(failoverTimeoutMs, 1)) {
    throw new RangeError(
      `downAfterMs and failoverTimeoutMs must be positive integers`,
    );
  }
  if (!/^[A-Za-z0-9._-]+$/.test(name)) {
    throw new RangeError(`unsuitable master group name: ${name}`);
  }
  if (
    sentinelUser !== undefined &&
    (sentinelUser.username === "default" ||
      sentinelUser.username === ADMIN_USER ||
      !/^\S+$/.test(sentinelUser.username) ||
      !/^\S+$/.test(sentinelUser.password))
  ) {
    throw new RangeError(
      `unsuitable sentinel user: ${JSON.stringify(sentinelUser.username)}`,
    );
  }
  for (const secret of [password, sentinelPassword]) {
    if (secret !== undefined && !/^\S+$/.test(secret)) {
      throw new RangeError("passwords must be non-empty, without spaces");
    }
  }
  const adminPassword = crypto.randomBytes(16).toString("hex");
  const extra = options.args ?? [];

  const rootDir = fs.mkdtempSync(path.join(os.tmpdir(), "respite-sentinel-"));
  const watchdog = new Watchdog(rootDir);
  const states: NodeState[] = [];
  let masterState: NodeState | undefined;
  let stopping: Promise<void> | undefined;

  const dataStates = () => states.filter((s) => s.kind === "data");
  const sentinelStates = () => states.filter((s) => s.kind === "sentinel");
  const liveSentinels = () => sentinelStates().filter((s) => s.node.alive);
  const stateOf = (node: SentinelNode): NodeState => {
    const state = states.find((s) => s.node === node);
    if (state === undefined) {
      throw new Error("not a node of this sentinel deployment");
    }
    return state;
  };
  const endpoint = (state: NodeState): RespEndpoint => ({
    port: state.node.port,
    username: ADMIN_USER,
    password: adminPassword,
  });
  const checkRunning = () => {
    if (stopping !== undefined) {
      throw new Error("sentinel deployment stopped");
    }
  };

  const logs = (): string =>
    states.map((s) =>
      `--- ${s.kind === "data" ? "data node" : "sentinel"} :${s.node.port} (${
        s.kind === "data" ? s.node.role : "sentinel"
      }${s.node.alive ? "" : ", down"}) ---\n${
        s.log.text().split("\n").slice(-LOG_LINES).join("\n")
      }`
    ).join("\n");

  const stop = (): Promise<void> => {
    stopping ??= stopAll(states, watchdog, rootDir);
    return stopping;
  };

  /** Starts (or restarts) `state`'s process with `args`. */
  const startProcess = async (
    state: NodeState,
    args: string[],
  ): Promise<void> => {
    checkRunning();
    const running = await launch(args, {
      dir: rootDir,
      watchdog,
      log: state.log,
      ...(state.kind === "sentinel" ? { readyLine: SENTINEL_READY_LINE } : {}),
    });
    if (stopping !== undefined) {
      await stopProcess(running, 0);
      throw new Error("sentinel deployment stopped");
    }
    state.running = running;
    state.node.pid = running.pid;
    state.node.alive = true;
  };

  const killState = async (state: NodeState, graceMs: number) => {
    const running = state.running;
    state.running = undefined;
    state.node.alive = false;
    if (running !== undefined) await stopProcess(running, graceMs);
  };

  /** A data node's arguments: replica of `masterPort`, or a master. */
  const dataArgs = (state: NodeState, masterPort: number | undefined) => [
    state.node.configFile,
    ...baseArgs(state.node.port, state.node.dir),
    // Full syncs at once, not after the default 5 s wait for more replicas.
    "--repl-diskless-sync-delay",
    "0",
    "--repl-ping-replica-period",
    "1",
    // Overrides whatever a sentinel's CONFIG REWRITE left in the file.
    "--replicaof",
    ...(masterPort !== undefined ? [HOST, String(masterPort)] : ["no", "one"]),
    ...extra,
  ];

  const sentinelArgs = (state: NodeState) => [
    state.node.configFile,
    "--sentinel",
    ...baseArgs(state.node.port, state.node.dir),
  ];

  /**
   * A new sentinel's config: `myid` as its ID, and `peers` (the other
   * sentinels) already known, as a rewritten config would have them: no
   * waiting ~2 s for their first hello messages.
   */
  const sentinelConf = (
    masterPort: number,
    myid: string,
    peers: { port: number; id: string }[],
  ): string => {
    const lines = [
      "sentinel resolve-hostnames no",
      `sentinel myid ${myid}`,
      `sentinel monitor ${name} ${HOST} ${masterPort} ${quorum}`,
      `sentinel down-after-milliseconds ${name} ${downAfterMs}`,
      `sentinel failover-timeout ${name} ${failoverTimeoutMs}`,
      `sentinel parallel-syncs ${name} 1`,
      ...peers.map((peer) =>
        `sentinel known-sentinel ${name} ${HOST} ${peer.port} ${peer.id}`
      ),
      `sentinel auth-user ${name} ${ADMIN_USER}`,
      `sentinel auth-pass ${name} ${adminPassword}`,
      `sentinel sentinel-user ${ADMIN_USER}`,
      `sentinel sentinel-pass ${adminPassword}`,
      `user ${ADMIN_USER} on >${adminPassword} ~* &* +@all`,
      sentinelPassword !== undefined
        ? `user default on resetpass >${sentinelPassword} ${SENTINEL_DEFAULT_RULES}`
        : sentinelUser !== undefined
        ? "user default off"
        : `user default on nopass ${SENTINEL_DEFAULT_RULES}`,
    ];
    if (sentinelUser !== undefined) {
      lines.push(
        `user ${sentinelUser.username} on resetpass >${sentinelUser.password} ${
          sentinelUser.rules ?? SENTINEL_CLIENT_RULES
        }`,
      );
    }
    lines.push(...(options.sentinelConfig ?? []));
    return lines.join("\n") + "\n";
  };

  /** Makes a node's dir and state, without a process. */
  const newState = (kind: "data" | "sentinel", index: number): NodeState => {
    const dir = path.join(rootDir, `${kind}-${index}`);
    fs.mkdirSync(dir);
    const configFile = path.join(
      dir,
      kind === "data" ? "redis.conf" : "sentinel.conf",
    );
    // Users only in the file: redis refuses a user defined twice, and the
    // file keeps them through CONFIG REWRITE.
    fs.writeFileSync(
      configFile,
      kind === "data"
        ? [
          `user ${ADMIN_USER} on >${adminPassword} ~* &* +@all`,
          `user default on ${
            password !== undefined ? `>${password}` : "nopass"
          } ${DATA_DEFAULT_RULES}`,
          `masteruser ${ADMIN_USER}`,
          `masterauth ${adminPassword}`,
          "",
        ].join("\n")
        : "",
    );
    return {
      kind,
      log: new LogTail(),
      running: undefined,
      node: {
        host: HOST,
        port: 0,
        url: "",
        role: kind === "sentinel" ? "sentinel" : "replica",
        pid: 0,
        alive: false,
        dir,
        configFile,
      },
    };
  };

  /** Starts a new process for `state` on a fresh port; `args` builds its arguments. */
  const create = async (
    state: NodeState,
    args: () => string[],
  ): Promise<void> => {
    await withFreePorts(1, async ([port]) => {
      state.node.port = port!;
      state.node.url = `redis://${HOST}:${port}`;
      await startProcess(state, args());
    });
  };

  /** What is wrong with the data nodes if `master` is the master, if anything. */
  const dataProblem = async (
    master: NodeState,
    views: string[],
  ): Promise<string | undefined> => {
    let problem: string | undefined;
    const live = dataStates().filter((s) => s.node.alive);
    const ours = new Set(dataStates().map((s) => s.node.port));
    const roles = await Promise.all(
      live.map((state) =>
        respCall(endpoint(state), "ROLE").catch((error: Error) => error)
      ),
    );
    for (const [i, state] of live.entries()) {
      const role = roles[i]!;
      const port = state.node.port;
      if (role instanceof Error) {
        views.push(`ROLE of :${port}: ${role.message}`);
        problem ??= `:${port} did not answer ROLE: ${role.message}`;
        continue;
      }
      const [kind, ...rest] = role as Reply[];
      if (state === master) {
        const listed = ((rest[1] ?? []) as Reply[][]).map((r) => Number(r[1]));
        views.push(`ROLE of :${port}: ${kind}, replicas ${listed.join(" ")}`);
        if (kind !== "master") {
          problem ??= `the master :${port} has ROLE ${kind}`;
          continue;
        }
        const missing = live.filter((s) =>
          s !== master && !listed.includes(s.node.port)
        );
        if (missing.length > 0) {
          problem ??= `the master :${port} does not list replica(s) ${
            missing.map((s) => `:${s.node.port}`).join(" ")
          }`;
        }
        const foreign = listed.filter((p) => !ours.has(p));
        if (foreign.length > 0) {
          problem ??= `the master :${port} has replica(s) ${
            foreign.map((p) => `:${p}`).join(" ")
          }${FOREIGN}`;
        }
      } else {
        views.push(`ROLE of :${port}: ${kind} of :${rest[1]} ${rest[2]}`);
        if (kind !== "slave") {
          problem ??=
            `:${port} has ROLE ${kind}, not a replica of :${master.node.port}`;
        } else if (Number(rest[1]) !== master.node.port) {
          problem ??= `:${port} replicates :${
            rest[1]
          }, not :${master.node.port}${
            ours.has(Number(rest[1])) ? "" : FOREIGN
          }`;
        } else if (rest[2] !== "connected") {
          problem ??= `replica :${port} is ${rest[2]}, not connected`;
        }
      }
    }
    return problem;
  };

  /** Asks one sentinel about the master group. */
  const observeSentinel = async (state: NodeState): Promise<SentinelView> => {
    const replies = await respExchange(endpoint(state), [
      ["SENTINEL", "GET-MASTER-ADDR-BY-NAME", name],
      ["SENTINEL", "MASTER", name],
      ["SENTINEL", "REPLICAS", name],
      ["SENTINEL", "SENTINELS", name],
    ]);
    const error = replies.find((reply) => reply instanceof ReplyError);
    if (error !== undefined) throw error;
    const [address, master, replicas, sentinels] = replies;
    const byPort = (list: Reply) =>
      new Map(
        (list as Reply[]).map(fieldsOf).map((
          fields,
        ) => [Number(fields.get("port")), flagsOf(fields)]),
      );
    return {
      masterPort: Array.isArray(address) ? Number(address[1]) : undefined,
      masterFlags: flagsOf(fieldsOf(master!)),
      replicas: byPort(replicas!),
      sentinels: byPort(sentinels!),
    };
  };

  /** The master port the first live sentinel to answer names, if any. */
  const askMasterPort = async (): Promise<number | undefined> => {
    for (const state of liveSentinels()) {
      try {
        const reply = await respCall(
          endpoint(state),
          "SENTINEL",
          "GET-MASTER-ADDR-BY-NAME",
          name,
        );
        if (Array.isArray(reply)) return Number(reply[1]);
      } catch {
        // ask the next one
      }
    }
    return undefined;
  };

  interface AgreeOptions {
    deadline: number;
    /** The master must be this node. */
    expect?: NodeState;
    /** The master must not be this node. */
    not?: NodeState;
    /** Only until the sentinels name a master whose ROLE is master. */
    masterOnly?: boolean;
    /** With no live sentinel, check the data nodes around the last master. */
    withoutSentinels?: boolean;
  }

  /**
   * Polls until the deployment is settled (see `waitForMaster`); then
   * updates the data nodes' roles and resolves with the master's state.
   */
  const agree = async (opts: AgreeOptions): Promise<NodeState> => {
    const started = Date.now();
    for (;;) {
      checkRunning();
      const views: string[] = [];
      let problem: string | undefined;
      let master: NodeState | undefined;
      const sentinels = liveSentinels();
      if (sentinels.length === 0) {
        if (!opts.withoutSentinels) {
          throw new Error(
            `no live sentinel to ask about "${name}"\n${logs()}`,
          );
        }
        master = masterState!;
        if (!master.node.alive) {
          problem = `the master :${master.node.port} is down`;
        }
      } else {
        const found = await Promise.all(
          sentinels.map((state) =>
            observeSentinel(state).catch((error: Error) => error)
          ),
        );
        const ports = new Set<number | undefined>();
        for (const [i, view] of found.entries()) {
          const port = sentinels[i]!.node.port;
          if (view instanceof Error) {
            views.push(`sentinel :${port}: ${view.message}`);
            problem ??= `sentinel :${port} did not answer: ${view.message}`;
            continue;
          }
          ports.add(view.masterPort);
          const list = (map: Map<number, string[]>) =>
            [...map].map(([p, flags]) => `:${p} ${flags.join(",")}`).join(
              "; ",
            );
          views.push(
            `sentinel :${port}: master :${view.masterPort} ${
              view.masterFlags.join(",")
            }; replicas ${list(view.replicas)}; sentinels ${
              list(view.sentinels)
            }`,
          );
        }
        if (problem === undefined) {
          const [port, ...others] = ports;
          if (others.length > 0) {
            problem = `the sentinels name different masters: ${
              [...ports].map((p) => `:${p}`).join(", ")
            }`;
          } else if (port === undefined) {
            problem = `the sentinels know no master "${name}"`;
          } else {
            master = dataStates().find((s) => s.node.port === port);
            if (master === undefined) {
              problem = `the sentinels name :${port}, not a data node`;
            } else if (!master.node.alive) {
              problem = `the sentinels still name :${port}, which is down`;
            } else if (opts.not === master) {
              problem = `the sentinels still name :${port}`;
            } else if (opts.expect !== undefined && opts.expect !== master) {
              problem =
                `the sentinels name :${port}, not :${opts.expect.node.port}`;
            }
          }
        }
        if (problem === undefined && !opts.masterOnly) {
          const liveReplicas = dataStates().filter((s) =>
            s.node.alive && s !== master
          );
          for (const [i, view] of found.entries()) {
            if (view instanceof Error || problem !== undefined) break;
            const port = sentinels[i]!.node.port;
            const bad = (flags: string[] | undefined) =>
              flags === undefined || flags.some((flag) => BAD_FLAGS.has(flag));
            if (bad(view.masterFlags)) {
              problem = `sentinel :${port} flags the master ${
                view.masterFlags.join(",")
              }`;
            }
            for (const replica of liveReplicas) {
              const flags = view.replicas.get(replica.node.port);
              if (problem === undefined && bad(flags)) {
                problem = `sentinel :${port} ${
                  flags === undefined
                    ? "does not know"
                    : `flags ${flags.join(",")}`
                } replica :${replica.node.port}`;
              }
            }
            const ours = new Set(states.map((s) => s.node.port));
            const foreign = [...view.replicas.keys(), ...view.sentinels.keys()]
              .filter((p) => !ours.has(p));
            if (problem === undefined && foreign.length > 0) {
              problem = `sentinel :${port} lists ${
                foreign.map((p) => `:${p}`).join(" ")
              }${FOREIGN}`;
            }
            for (const other of sentinels) {
              if (other === sentinels[i]) continue;
              const flags = view.sentinels.get(other.node.port);
              if (problem === undefined && bad(flags)) {
                problem = `sentinel :${port} ${
                  flags === undefined
                    ? "does not know"
                    : `flags ${flags.join(",")}`
                } sentinel :${other.node.port}`;
              }
            }
          }
        }
      }
      if (master !== undefined && master.node.alive) {
        if (!opts.masterOnly) {
          const data = await dataProblem(master, views);
          problem ??= data;
        } else if (problem === undefined) {
          const role = await respCall(endpoint(master), "ROLE").catch((
            error: Error,
          ) => [error.message]);
          const kind = (role as Reply[])[0];
          views.push(`ROLE of :${master.node.port}: ${kind}`);
          if (kind !== "master") {
            problem = `the new master :${master.node.port} has ROLE ${kind}`;
          }
        }
      }
      if (problem === undefined && master !== undefined) {
        if (!opts.masterOnly) {
          masterState = master;
          for (const state of dataStates()) {
            state.node.role = state === master ? "master" : "replica";
          }
        }
        return master;
      }
      if (Date.now() > opts.deadline) {
        throw new Error(
          `the sentinel deployment did not settle within ${
            Date.now() - started
          } ms: ${problem}\n${views.join("\n")}\n${logs()}`,
        );
      }
      await sleep(POLL_MS);
    }
  };

  const waitForMaster = async (
    node?: SentinelNode,
    timeoutMs = AGREEMENT_TIMEOUT_MS,
  ): Promise<SentinelNode> => {
    const expect = node !== undefined ? stateOf(node) : undefined;
    if (expect !== undefined && expect.kind !== "data") {
      throw new Error(`:${expect.node.port} is a sentinel, not a data node`);
    }
    const master = await agree({
      deadline: Date.now() + timeoutMs,
      ...(expect !== undefined ? { expect } : {}),
    });
    return master.node;
  };

  /** Starts a sentinel that is down again, and waits for agreement. */
  const resumeSentinel = async (state: NodeState): Promise<void> => {
    await startProcess(state, sentinelArgs(state));
    await agree({ deadline: Date.now() + AGREEMENT_TIMEOUT_MS });
  };

  /** Starts a data node that is down again, and waits for agreement. */
  const resumeData = async (state: NodeState): Promise<void> => {
    const port = (await askMasterPort()) ?? masterState!.node.port;
    const asMaster = port === state.node.port;
    await startProcess(state, dataArgs(state, asMaster ? undefined : port));
    await agree({
      deadline: Date.now() + AGREEMENT_TIMEOUT_MS,
      withoutSentinels: true,
    });
  };

  const sentinel: TestSentinel = {
    name,
    sentinels: [],
    dataNodes: [],
    sentinelUrls: [],
    dir: rootDir,
    master: () => masterState!.node,
    replicas: () =>
      dataStates().filter((s) => s.node.alive && s !== masterState).map((s) =>
        s.node
      ),
    command: (node, ...args) => respCall(endpoint(stateOf(node)), ...args),
    cli(node, ...args) {
      const state = stateOf(node);
      const { port, username, password: secret } = endpoint(state);
      return runRedisCli(port, secret, [
        ...(username !== undefined ? ["--user", username] : []),
        ...args,
      ]);
    },
    async role(node) {
      const reply = await respCall(endpoint(stateOf(node)), "ROLE");
      return (reply as Reply[])[0] as "master" | "slave" | "sentinel";
    },
    waitForMaster,
    async failover(failoverOptions = {}) {
      const deadline = Date.now() +
        (failoverOptions.timeoutMs ?? AGREEMENT_TIMEOUT_MS);
      const from = await agree({ deadline });
      if (!dataStates().some((s) => s.node.alive && s !== from)) {
        throw new Error(
          `no live replica of :${from.node.port} to fail over to`,
        );
      }
      for (;;) {
        const asked = liveSentinels()[0]!;
        const [reply] = await respExchange(endpoint(asked), [
          ["SENTINEL", "FAILOVER", name],
        ]);
        if (!(reply instanceof ReplyError)) break;
        if (
          !/^(INPROG|NOGOODSLAVE)/.test(reply.message) ||
          Date.now() > deadline
        ) {
          throw new Error(
            `SENTINEL FAILOVER ${name} on :${asked.node.port} failed: ${reply.message}\n${logs()}`,
          );
        }
        await sleep(POLL_MS);
      }
      if ((failoverOptions.demote ?? true) && from.node.alive) {
        const to = await agree({ deadline, not: from, masterOnly: true });
        const role = await respCall(endpoint(from), "ROLE") as Reply[];
        if (role[0] === "master") {
          // What a sentinel sends, only ~10 s sooner.
          const done = await respExchange(endpoint(from), [
            ["MULTI"],
            ["REPLICAOF", HOST, String(to.node.port)],
            ["CONFIG", "REWRITE"],
            ["CLIENT", "KILL", "TYPE", "normal"],
            ["CLIENT", "KILL", "TYPE", "pubsub"],
            ["EXEC"],
          ]);
          const exec = done[done.length - 1];
          if (!Array.isArray(exec) || exec[0] instanceof ReplyError) {
            throw new Error(
              `could not demote :${from.node.port}: ${
                JSON.stringify(exec)
              }\n${logs()}`,
            );
          }
        }
      }
      const to = await agree({ deadline, not: from });
      return { from: from.node, to: to.node };
    },
    async kill(node) {
      await killState(stateOf(node), 0);
    },
    async restart(node) {
      const state = stateOf(node);
      await killState(state, 0);
      if (state.kind === "sentinel") await resumeSentinel(state);
      else await resumeData(state);
    },
    async stopSentinel(node) {
      const state = stateOf(node);
      if (state.kind !== "sentinel") {
        throw new Error(`:${node.port} is not a sentinel`);
      }
      await killState(state, STOP_GRACE_MS);
    },
    async startSentinel(node) {
      const state = stateOf(node);
      if (state.kind !== "sentinel") {
        throw new Error(`:${node.port} is not a sentinel`);
      }
      if (node.alive) throw new Error(`sentinel :${node.port} is running`);
      await resumeSentinel(state);
    },
    logs,
    stop,
  };

  try {
    const deadline = Date.now() + (options.timeout ?? 30_000);
    const master = newState("data", 0);
    master.node.role = "master";
    states.push(master);
    masterState = master;
    await create(master, () => dataArgs(master, undefined));
    const replicas = Array.from(
      { length: replicaCount },
      (_, i) => newState("data", i + 1),
    );
    states.push(...replicas);
    const created = await Promise.allSettled(
      replicas.map((state) =>
        create(state, () => dataArgs(state, master.node.port))
      ),
    );
    const failed = created.find((result) => result.status === "rejected");
    if (failed !== undefined) throw failed.reason;
    // The sentinels learn the replicas from the master's first INFO.
    for (;;) {
      const views: string[] = [];
      const problem = await dataProblem(master, views);
      if (problem === undefined) break;
      if (Date.now() > deadline) {
        throw new Error(`replication did not start: ${problem}`);
      }
      await sleep(POLL_MS);
    }
    const sentinels = Array.from(
      { length: sentinelCount },
      (_, i) => newState("sentinel", i),
    );
    states.push(...sentinels);
    const ids = sentinels.map(() => crypto.randomBytes(20).toString("hex"));
    // All ports at once, as every config names the other sentinels.
    await withFreePorts(sentinelCount, async (ports) => {
      for (const [i, state] of sentinels.entries()) {
        state.node.port = ports[i]!;
        state.node.url = `redis://${HOST}:${ports[i]}`;
        fs.writeFileSync(
          state.node.configFile,
          sentinelConf(
            master.node.port,
            ids[i]!,
            ports.flatMap((port, j) => j === i ? [] : [{ port, id: ids[j]! }]),
          ),
        );
      }
      const started = await Promise.allSettled(
        sentinels.map((state) => startProcess(state, sentinelArgs(state))),
      );
      const failed = started.filter((r) => r.status === "rejected");
      if (failed.length > 0) {
        // All again on fresh ports if one could not bind.
        await Promise.all(sentinels.map((state) => killState(state, 0)));
        throw failed[0]!.reason;
      }
    });
    await agree({ deadline });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const tails = states.length > 0 && !message.includes("--- data node :")
      ? `\n${logs()}`
      : "";
    await stop();
    // The message holds everything: no `cause` printed all over again.
    throw new Error(
      `could not start the sentinel deployment: ${message}${tails}`,
    );
  }
  sentinel.dataNodes = dataStates().map((s) => s.node);
  sentinel.sentinels = sentinelStates().map((s) => s.node);
  sentinel.sentinelUrls = sentinel.sentinels.map((s) => s.url);
  return sentinel;
}
