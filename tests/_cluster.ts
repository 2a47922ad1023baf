/**
 * Test helper: starts private Redis Clusters (`redis-server --cluster-enabled
 * yes` processes on free loopback ports, each in its own temp dir), forms
 * them, waits until every node agrees, and drives failovers, crashes,
 * restarts and slot migrations for the cluster client tests.
 *
 * Like `_server.ts` it uses only `node:` builtins, so it runs under
 * `deno test`, `bun test` and `node --test`, and it never talks to a server
 * it did not start. The cluster is formed by hand (slots, config epochs,
 * MEET, REPLICATE), over a tiny RESP client of its own: this is faster than
 * `redis-cli --cluster create`, which sleeps a whole second per check.
 *
 * @module
 */

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  baseArgs,
  HOST,
  launch,
  LogTail,
  makeCertificates,
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
  type TlsFiles,
  Watchdog,
  withFreePorts,
} from "./_process.ts";

/** What kind of private cluster {@linkcode startCluster} should start. */
export interface ClusterOptions {
  /** Number of masters; the 16384 slots are split evenly. Default 3. */
  masters?: number;
  /** Replicas per master. Default 1. */
  replicasPerMaster?: number;
  /**
   * Also serve TLS with a CA made at test time, and run the cluster bus and
   * replication over TLS (`--tls-cluster yes --tls-replication yes`). The
   * plain port stays open too; `seeds` then hold `rediss://` URLs.
   */
  tls?: boolean;
  /** `--cluster-node-timeout` in ms. Default 2000. */
  nodeTimeout?: number;
  /**
   * Extra `redis-server` arguments for every node. A `--requirepass` is
   * used by the helper itself and also set as `--masterauth`.
   */
  args?: string[];
  /** How long forming the cluster may take, in ms. Default 30000. */
  timeout?: number;
}

/** One node of a {@linkcode TestCluster}. Updated in place by the helper. */
export interface ClusterNode {
  host: "127.0.0.1";
  /** Plain TCP port (always open). */
  port: number;
  /** TLS port, in a TLS cluster. */
  tlsPort?: number;
  /** Cluster bus port (set with `--cluster-port`, not `port + 10000`). */
  busPort: number;
  /** `redis://127.0.0.1:PORT` */
  url: string;
  /** `rediss://127.0.0.1:TLSPORT`, in a TLS cluster. */
  tlsUrl?: string;
  /** The node id (40 hex characters). */
  id: string;
  /** The role as of the last agreement (see `waitForAgreement`). */
  role: "master" | "replica";
  /** For a replica: its master's id, as of the last agreement. */
  masterId?: string;
  /** PID of the current process (changes on `restart`). */
  pid: number;
  /** False after `kill(node)` until `restart(node)`. */
  alive: boolean;
  /** The node's own temp dir (holds `nodes.conf`). */
  dir: string;
}

/** A running private Redis Cluster. Always `stop()` it. */
export interface TestCluster {
  /** Every node ever started, masters first (in creation order). */
  nodes: ClusterNode[];
  /** Live masters, as of the last agreement. */
  masters(): ClusterNode[];
  /** Live replicas, as of the last agreement. */
  replicas(): ClusterNode[];
  /** Live replicas of `master`, as of the last agreement. */
  replicasOf(master: ClusterNode): ClusterNode[];
  /** Seed URLs of all nodes: `redis://` or, in a TLS cluster, `rediss://`. */
  seeds: string[];
  /** PEM text of the CA that signed the node cert, in a TLS cluster. */
  caCert?: string;
  /** Path of that CA's PEM file (e.g. for `redis-cli --cacert`). */
  caFile?: string;
  /** The root temp dir (CA files and one subdir per node). */
  dir: string;
  /**
   * Runs `redis-cli -h 127.0.0.1 -p <port> ...args` against `node`'s plain
   * port and resolves with the trimmed stdout (error replies come back as
   * text too). Add `-c` to follow redirections.
   */
  cli(node: ClusterNode, ...args: string[]): Promise<string>;
  /**
   * Sends one command to `node` over the plain port (helper's own RESP2
   * client) and resolves with the reply: strings, numbers, null, arrays.
   * Rejects on an error reply.
   */
  command(node: ClusterNode, ...args: string[]): Promise<unknown>;
  /** The node owning `slot`, as a live node currently sees it. */
  slotOwner(slot: number): Promise<ClusterNode>;
  /**
   * Waits until every live node has `cluster_state:ok`, the same view of
   * nodes, roles, config epochs and slots (CLUSTER NODES, normalised), every
   * live node connected and not failing, every killed node flagged `fail`,
   * every live replica's `master_link_status:up` and every master seeing all
   * its replicas. Then updates `role`/`masterId` of the nodes.
   */
  waitForAgreement(timeoutMs?: number): Promise<void>;
  /**
   * `CLUSTER FAILOVER [mode]` on `replica`, then waits until it is a master
   * and all agree. Use `"takeover"` or `"force"` if its master is dead.
   */
  failover(replica: ClusterNode, mode?: "force" | "takeover"): Promise<void>;
  /** Kills `node` with SIGKILL and waits for the process to be gone. */
  kill(node: ClusterNode): Promise<void>;
  /**
   * Starts `node` again on the same ports and dir (SIGKILLing it first if it
   * is alive), then waits for agreement.
   */
  restart(node: ClusterNode): Promise<void>;
  /**
   * Moves `slot` with its keys from `from` to `to`:
   * {@linkcode TestCluster.beginSlotMigration},
   * {@linkcode TestCluster.migrateKeys}, then
   * {@linkcode TestCluster.endSlotMigration}.
   */
  moveSlot(slot: number, from: ClusterNode, to: ClusterNode): Promise<void>;
  /**
   * `CLUSTER SETSLOT slot IMPORTING` on `to` and `MIGRATING` on `from`:
   * from now on `from` answers `-ASK` for keys it no longer holds.
   */
  beginSlotMigration(
    slot: number,
    from: ClusterNode,
    to: ClusterNode,
  ): Promise<void>;
  /**
   * `MIGRATE`s keys of `slot` from `from` to `to` in batches of 100: `keys`
   * if given, else all keys `from` still holds in the slot. Returns the
   * number of keys moved.
   */
  migrateKeys(
    slot: number,
    from: ClusterNode,
    to: ClusterNode,
    keys?: string[],
  ): Promise<number>;
  /**
   * `CLUSTER SETSLOT slot NODE <to>` on `to`, `from` and every other live
   * master, then waits for agreement.
   */
  endSlotMigration(
    slot: number,
    from: ClusterNode,
    to: ClusterNode,
  ): Promise<void>;
  /** Last lines each node's processes logged, for error messages. */
  logs(): string;
  /** SIGKILLs every process (by PID), waits for them and removes `dir`. */
  stop(): Promise<void>;
}

const SLOTS = 16384;
const COMMAND_TIMEOUT_MS = 5_000;
const AGREEMENT_TIMEOUT_MS = 20_000;
const POLL_MS = 25;
const MIGRATE_BATCH = 100;

// ---------------------------------------------------------------------------
// Key slots

const CRC16_TABLE = (() => {
  const table = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let crc = i << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1;
    }
    table[i] = crc & 0xffff;
  }
  return table;
})();

/**
 * The cluster slot of `key` (CRC16/XMODEM of the hash tag or whole key,
 * mod 16384), computed here independently of the client under test.
 */
export function keySlot(key: string | Uint8Array): number {
  let bytes = typeof key === "string" ? new TextEncoder().encode(key) : key;
  const open = bytes.indexOf(0x7b); // {
  if (open >= 0) {
    const close = bytes.indexOf(0x7d, open + 1); // }
    if (close > open + 1) bytes = bytes.subarray(open + 1, close);
  }
  let crc = 0;
  for (const byte of bytes) {
    crc = ((crc << 8) & 0xffff) ^ CRC16_TABLE[((crc >> 8) ^ byte) & 0xff]!;
  }
  return crc % SLOTS;
}

function infoField(info: Reply, field: string): string | undefined {
  if (typeof info !== "string") return undefined;
  return new RegExp(`^${field}:(.*?)\\r?$`, "m").exec(info)?.[1];
}

// ---------------------------------------------------------------------------
// Cluster views

/** One line of CLUSTER NODES. */
interface NodeLine {
  id: string;
  port: number;
  flags: Set<string>;
  masterId: string | undefined;
  epoch: string;
  link: string;
  /** Slot ranges owned, as written (migration markers left out). */
  slots: string[];
}

function parseClusterNodes(text: string): NodeLine[] {
  const lines: NodeLine[] = [];
  for (const line of text.split("\n")) {
    const fields = line.trim().split(" ");
    if (fields.length < 8) continue;
    const [id, address, flags, master, , , epoch, link, ...slots] = fields;
    lines.push({
      id: id!,
      port: Number(/:(\d+)@/.exec(address!)?.[1]),
      flags: new Set(flags!.split(",")),
      masterId: master === "-" ? undefined : master,
      epoch: epoch!,
      link: link!,
      slots: slots.filter((slot) => !slot.startsWith("[")),
    });
  }
  return lines;
}

/** What every node must see the same way: no link state, no "myself". */
function normalise(view: NodeLine[], dead: Set<string>): string {
  return view.map((line) => {
    const flags = [...line.flags].filter((flag) => flag !== "myself").sort();
    const role = flags.includes("master") ? "master" : "replica";
    // Only the role and slots of a dead node matter (flags still change).
    return dead.has(line.id)
      ? `${line.id} ${role} ${line.slots.join(" ")}`
      : `${line.id} ${line.port} ${flags.join(",")} ${line.masterId ?? "-"} ` +
        `${line.epoch} ${line.slots.join(" ")}`;
  }).sort().join("\n");
}

/** CLUSTER SLOTS as lines `first-last masterPort replicaPorts...`. */
function normaliseSlots(slots: Reply[][]): string {
  return slots.map(([first, last, master, ...replicas]) => {
    const port = (node: Reply) => (node as Reply[])[1];
    const ports = replicas.map(port).sort();
    return `${first}-${last} ${port(master!)} ${ports.join(" ")}`.trimEnd();
  }).sort().join("\n");
}

/** The CLUSTER SLOTS that a view implies: live replicas listed. */
function expectedSlots(view: NodeLine[], dead: Set<string>): string {
  const lines: string[] = [];
  for (const master of view) {
    const replicas = view.filter((line) =>
      line.masterId === master.id && !dead.has(line.id)
    ).map((line) => line.port).sort();
    for (const range of master.slots) {
      const [first, last = first] = range.split("-");
      lines.push(
        `${first}-${last} ${master.port} ${replicas.join(" ")}`.trimEnd(),
      );
    }
  }
  return lines.sort().join("\n");
}

const BAD_FLAGS = ["fail", "fail?", "handshake", "noaddr"];

// ---------------------------------------------------------------------------
// The cluster

/** Per-node state kept out of the public interface. */
interface NodeState {
  node: ClusterNode;
  args: string[];
  log: LogTail;
  running: Running | undefined;
}

/**
 * Starts a private Redis Cluster of `masters × (1 + replicasPerMaster)`
 * nodes on loopback and resolves once every node agrees on it. On failure
 * everything started is stopped and the error carries the nodes' log tails.
 */
export async function startCluster(
  options: ClusterOptions = {},
): Promise<TestCluster> {
  const masterCount = options.masters ?? 3;
  const replicasPerMaster = options.replicasPerMaster ?? 1;
  if (!Number.isInteger(masterCount) || masterCount < 1) {
    throw new RangeError(`masters must be a positive integer: ${masterCount}`);
  }
  if (!Number.isInteger(replicasPerMaster) || replicasPerMaster < 0) {
    throw new RangeError(
      `replicasPerMaster must be a non-negative integer: ${replicasPerMaster}`,
    );
  }
  const total = masterCount * (1 + replicasPerMaster);
  const extra = options.args ?? [];
  const passwordIndex = extra.lastIndexOf("--requirepass");
  const password = passwordIndex >= 0 ? extra[passwordIndex + 1] : undefined;

  const rootDir = fs.mkdtempSync(path.join(os.tmpdir(), "respite-cluster-"));
  const watchdog = new Watchdog(rootDir);
  const states: NodeState[] = [];
  let tlsFiles: TlsFiles | undefined;
  let stopping: Promise<void> | undefined;

  const endpoint = (node: ClusterNode): RespEndpoint => ({
    port: node.port,
    ...(password !== undefined ? { password } : {}),
  });
  const stateOf = (node: ClusterNode): NodeState => {
    const state = states.find((s) => s.node === node);
    if (state === undefined) throw new Error("not a node of this cluster");
    return state;
  };
  const byId = (id: string): ClusterNode | undefined =>
    states.find((s) => s.node.id === id)?.node;
  const liveNodes = () => states.filter((s) => s.node.alive).map((s) => s.node);

  const logs = (): string =>
    states.map((s) =>
      `--- node :${s.node.port} (${s.node.role}${
        s.node.alive ? "" : ", killed"
      }) ---\n${s.log.text().split("\n").slice(-15).join("\n")}`
    ).join("\n");

  const stop = (): Promise<void> => {
    stopping ??= stopAll(states, watchdog, rootDir);
    return stopping;
  };

  /** Starts (or restarts) `state`'s process on its ports. */
  const startNode = async (state: NodeState): Promise<void> => {
    if (stopping !== undefined) throw new Error("cluster stopped");
    const running = await launch(state.args, {
      dir: rootDir,
      watchdog,
      log: state.log,
    });
    if (stopping !== undefined) {
      await stopProcess(running, 0);
      throw new Error("cluster stopped");
    }
    state.running = running;
    state.node.pid = running.pid;
    state.node.alive = true;
  };

  const argsFor = (
    dir: string,
    port: number,
    busPort: number,
    tlsPort: number | undefined,
  ): string[] => {
    const tls = tlsFiles !== undefined && tlsPort !== undefined
      ? { port: tlsPort, files: tlsFiles }
      : undefined;
    const args = [
      ...baseArgs(port, dir, tls),
      "--cluster-enabled",
      "yes",
      "--cluster-config-file",
      "nodes.conf",
      "--cluster-port",
      String(busPort),
      "--cluster-node-timeout",
      String(options.nodeTimeout ?? 2000),
      // Full syncs at once, not after the default 5 s wait for more replicas.
      "--repl-diskless-sync-delay",
      "0",
      // Replicas show in CLUSTER SLOTS once their offset is known to be
      // non-zero: ping them every second, not every 10 s.
      "--repl-ping-replica-period",
      "1",
    ];
    if (password !== undefined) args.push("--masterauth", password);
    if (tls !== undefined) {
      args.push("--tls-cluster", "yes", "--tls-replication", "yes");
    }
    args.push(...extra);
    return args;
  };

  /** Creates node `index` on fresh ports, retrying when a port is taken. */
  const createNode = async (index: number): Promise<void> => {
    const dir = path.join(rootDir, `node-${index}`);
    fs.mkdirSync(dir);
    const log = new LogTail();
    await withFreePorts(tlsFiles ? 3 : 2, async ([port, busPort, tlsPort]) => {
      // A node that could not bind may have written its config already.
      fs.rmSync(path.join(dir, "nodes.conf"), { force: true });
      const node: ClusterNode = {
        host: HOST,
        port: port!,
        busPort: busPort!,
        url: `redis://${HOST}:${port}`,
        id: "",
        role: index < masterCount ? "master" : "replica",
        pid: 0,
        alive: false,
        dir,
      };
      if (tlsFiles !== undefined) {
        node.tlsPort = tlsPort!;
        node.tlsUrl = `rediss://${HOST}:${tlsPort}`;
      }
      const state: NodeState = {
        node,
        args: argsFor(dir, port!, busPort!, tlsPort),
        log,
        running: undefined,
      };
      await startNode(state);
      states[index] = state;
    });
  };

  /** Fetches what agreement needs from one live node. */
  const observe = async (node: ClusterNode) => {
    const replies = await respExchange(endpoint(node), [
      ["CLUSTER", "INFO"],
      ["CLUSTER", "NODES"],
      ["INFO", "replication"],
      ["CLUSTER", "SLOTS"],
    ]);
    const error = replies.find((reply) => reply instanceof ReplyError);
    if (error !== undefined) throw error;
    const [info, nodes, replication, slots] = replies;
    return {
      info: info as string,
      view: parseClusterNodes(nodes as string),
      replication: replication as string,
      slots: normaliseSlots(slots as Reply[][]),
    };
  };

  /**
   * Polls until all live nodes agree and `extra` (given the agreed view)
   * has nothing to object; then updates roles. Throws at the deadline with
   * the last objection, the views and the log tails.
   */
  const agree = async (
    timeoutMs = AGREEMENT_TIMEOUT_MS,
    extraCheck?: (view: NodeLine[]) => string | undefined,
  ): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    let problem = "";
    let views = "";
    for (;;) {
      if (stopping !== undefined) throw new Error("cluster stopped");
      const nodes = liveNodes();
      const dead = new Set(
        states.filter((s) => !s.node.alive).map((s) => s.node.id),
      );
      const found = await Promise.all(
        nodes.map((node) =>
          observe(node).catch((error: Error) => ({ error, node }))
        ),
      );
      problem = "";
      views = "";
      let agreed: NodeLine[] | undefined;
      let first = "";
      for (const [i, result] of found.entries()) {
        const node = nodes[i]!;
        if ("error" in result) {
          problem ||= `:${node.port} did not answer: ${result.error.message}`;
          continue;
        }
        const { info, view, replication, slots } = result;
        const normal = normalise(view, dead);
        views += `--- CLUSTER NODES of :${node.port} ---\n${
          view.map((l) =>
            `${l.id.slice(0, 8)} :${l.port} ${[...l.flags]} ${
              l.masterId?.slice(0, 8) ?? "-"
            } e${l.epoch} ${l.link} ${l.slots.join(" ")}`
          ).join("\n")
        }\n`;
        if (problem) continue;
        if (infoField(info, "cluster_state") !== "ok") {
          problem = `:${node.port} has cluster_state:${
            infoField(info, "cluster_state")
          }`;
        } else if (view.length !== states.length) {
          problem =
            `:${node.port} knows ${view.length} of ${states.length} nodes`;
        } else if (agreed === undefined) {
          agreed = view;
          first = normal;
        } else if (normal !== first) {
          problem = `:${node.port} sees the cluster differently from :${
            nodes[0]!.port
          }`;
        }
        if (problem) continue;
        for (const line of view) {
          if (dead.has(line.id)) {
            if (!line.flags.has("fail")) {
              problem = `:${node.port} does not flag killed ${
                line.id.slice(0, 8)
              } as fail`;
            }
          } else if (
            BAD_FLAGS.some((flag) => line.flags.has(flag)) ||
            (!line.flags.has("myself") && line.link !== "connected")
          ) {
            problem = `:${node.port} sees ${line.id.slice(0, 8)} as ${[
              ...line.flags,
            ]} ${line.link}`;
          }
          if (problem) break;
        }
        if (problem) continue;
        // Redis leaves replicas out of CLUSTER SLOTS until it knows a
        // replication offset for them: wait for that too.
        if (slots !== expectedSlots(view, dead)) {
          problem = `:${node.port} has CLUSTER SLOTS\n${slots}\ninstead of\n${
            expectedSlots(view, dead)
          }`;
          continue;
        }
        const me = view.find((line) => line.flags.has("myself"));
        if (me?.flags.has("slave")) {
          const master = byId(me.masterId ?? "");
          if (infoField(replication, "master_link_status") !== "up") {
            problem = `replica :${node.port} has master_link_status:${
              infoField(replication, "master_link_status")
            }`;
          } else if (
            master === undefined || !master.alive ||
            // With --tls-replication replicas follow the TLS port.
            Number(infoField(replication, "master_port")) !==
              (master.tlsPort ?? master.port)
          ) {
            problem = `replica :${node.port} replicates port ${
              infoField(replication, "master_port")
            }, not its master`;
          }
        } else if (me !== undefined) {
          const replicas = view.filter((line) =>
            line.masterId === me.id && !dead.has(line.id)
          ).length;
          const online = (replication.match(/state=online/g) ?? []).length;
          if (online !== replicas) {
            problem = `master :${node.port} has ${online} of ${replicas} ` +
              `replicas online`;
          }
        }
      }
      if (!problem && agreed !== undefined && extraCheck !== undefined) {
        problem = extraCheck(agreed) ?? "";
      }
      if (!problem && agreed !== undefined) {
        for (const line of agreed) {
          const node = byId(line.id);
          if (node === undefined) continue;
          node.role = line.flags.has("master") ? "master" : "replica";
          if (line.masterId !== undefined && node.role === "replica") {
            node.masterId = line.masterId;
          } else {
            delete node.masterId;
          }
        }
        return;
      }
      if (!problem) problem = "no live node";
      if (Date.now() > deadline) {
        throw new Error(
          `cluster did not agree within ${timeoutMs} ms: ${problem}\n` +
            `${views}${logs()}`,
        );
      }
      await sleep(POLL_MS);
    }
  };

  /** Forms the cluster from freshly started, empty nodes. */
  const form = async (deadlineMs: number): Promise<void> => {
    const nodes = states.map((s) => s.node);
    await Promise.all(nodes.map(async (node, index) => {
      node.id = String(await respCall(endpoint(node), "CLUSTER", "MYID"));
      // Distinct epochs up front, as redis-cli does: no collisions to sort
      // out later.
      await respCall(
        endpoint(node),
        "CLUSTER",
        "SET-CONFIG-EPOCH",
        String(index + 1),
      );
      if (index < masterCount) {
        const first = Math.floor(index * SLOTS / masterCount);
        const last = Math.floor((index + 1) * SLOTS / masterCount) - 1;
        await respCall(
          endpoint(node),
          "CLUSTER",
          "ADDSLOTSRANGE",
          String(first),
          String(last),
        );
      }
    }));
    // Every node meets every other one: no waiting for gossip.
    await Promise.all(nodes.map(async (node) => {
      const meets = nodes.filter((other) => other !== node).map((other) => [
        "CLUSTER",
        "MEET",
        HOST,
        String(other.tlsPort ?? other.port),
        String(other.busPort),
      ]);
      if (meets.length === 0) return;
      const replies = await respExchange(endpoint(node), meets);
      const error = replies.find((reply) => reply instanceof ReplyError);
      if (error !== undefined) throw error;
    }));
    // A replica can only follow a master it knows (not in handshake).
    const replicaStates = states.slice(masterCount);
    await Promise.all(replicaStates.map(async (state, i) => {
      const node = state.node;
      const master = nodes[i % masterCount]!;
      node.masterId = master.id;
      for (;;) {
        const text = await respCall(endpoint(node), "CLUSTER", "NODES");
        const line = parseClusterNodes(String(text)).find((l) =>
          l.id === master.id
        );
        if (line !== undefined && !line.flags.has("handshake")) break;
        if (Date.now() > deadlineMs) {
          throw new Error(`replica :${node.port} never learnt its master`);
        }
        await sleep(POLL_MS);
      }
      await respCall(endpoint(node), "CLUSTER", "REPLICATE", master.id);
    }));
    await agree(Math.max(1, deadlineMs - Date.now()));
  };

  const cluster: TestCluster = {
    nodes: [],
    seeds: [],
    dir: rootDir,
    masters: () => liveNodes().filter((node) => node.role === "master"),
    replicas: () => liveNodes().filter((node) => node.role === "replica"),
    replicasOf: (master) =>
      liveNodes().filter((node) =>
        node.role === "replica" && node.masterId === master.id
      ),
    cli: (node, ...args) => runRedisCli(node.port, password, args),
    command: (node, ...args) => respCall(endpoint(node), ...args),
    async slotOwner(slot) {
      const errors: string[] = [];
      for (const node of liveNodes()) {
        try {
          const text = await respCall(endpoint(node), "CLUSTER", "NODES");
          const owner = parseClusterNodes(String(text)).find((line) =>
            line.flags.has("master") &&
            line.slots.some((range) => {
              const [first, last = first] = range.split("-").map(Number);
              return first! <= slot && slot <= last!;
            })
          );
          const found = owner && byId(owner.id);
          if (found !== undefined) return found;
          errors.push(`:${node.port} knows no owner`);
        } catch (error) {
          errors.push((error as Error).message);
        }
      }
      throw new Error(`no owner of slot ${slot}: ${errors.join("; ")}`);
    },
    waitForAgreement: (timeoutMs) => agree(timeoutMs),
    async failover(replica, mode) {
      stateOf(replica);
      await respCall(
        endpoint(replica),
        "CLUSTER",
        "FAILOVER",
        ...(mode !== undefined ? [mode.toUpperCase()] : []),
      );
      await agree(AGREEMENT_TIMEOUT_MS, (view) => {
        const line = view.find((l) => l.id === replica.id);
        return line?.flags.has("master")
          ? undefined
          : `:${replica.port} is not a master yet`;
      });
    },
    async kill(node) {
      const state = stateOf(node);
      const running = state.running;
      state.running = undefined;
      node.alive = false;
      if (running !== undefined) await stopProcess(running, 0);
    },
    async restart(node) {
      await cluster.kill(node);
      await startNode(stateOf(node));
      await agree();
    },
    async beginSlotMigration(slot, from, to) {
      const s = String(slot);
      await respCall(
        endpoint(to),
        "CLUSTER",
        "SETSLOT",
        s,
        "IMPORTING",
        from.id,
      );
      await respCall(
        endpoint(from),
        "CLUSTER",
        "SETSLOT",
        s,
        "MIGRATING",
        to.id,
      );
    },
    async migrateKeys(slot, from, to, keys) {
      // With --tls-cluster, MIGRATE connects over TLS.
      const target = String(tlsFiles !== undefined ? to.tlsPort : to.port);
      const auth = password !== undefined ? ["AUTH", password] : [];
      let moved = 0;
      const migrate = async (batch: string[]) => {
        if (batch.length === 0) return;
        const reply = await respCall(
          endpoint(from),
          "MIGRATE",
          HOST,
          target,
          "",
          "0",
          String(COMMAND_TIMEOUT_MS),
          "REPLACE",
          ...auth,
          "KEYS",
          ...batch,
        );
        if (reply !== "OK" && reply !== "NOKEY") {
          throw new Error(`MIGRATE replied ${reply}`);
        }
        moved += batch.length;
      };
      if (keys !== undefined) {
        for (let i = 0; i < keys.length; i += MIGRATE_BATCH) {
          await migrate(keys.slice(i, i + MIGRATE_BATCH));
        }
        return moved;
      }
      for (;;) {
        const batch = await respCall(
          endpoint(from),
          "CLUSTER",
          "GETKEYSINSLOT",
          String(slot),
          String(MIGRATE_BATCH),
        ) as string[];
        if (batch.length === 0) return moved;
        await migrate(batch);
      }
    },
    async endSlotMigration(slot, from, to) {
      const setNode = ["CLUSTER", "SETSLOT", String(slot), "NODE", to.id];
      // The documented order: target, source, then the other masters.
      await respCall(endpoint(to), ...setNode);
      await respCall(endpoint(from), ...setNode);
      await Promise.all(
        cluster.masters().filter((node) => node !== to && node !== from)
          .map((node) => respCall(endpoint(node), ...setNode)),
      );
      await agree(AGREEMENT_TIMEOUT_MS, (view) => {
        const owner = view.find((line) =>
          line.slots.some((range) => {
            const [first, last = first] = range.split("-").map(Number);
            return first! <= slot && slot <= last!;
          })
        );
        return owner?.id === to.id
          ? undefined
          : `slot ${slot} is not on :${to.port} yet`;
      });
    },
    async moveSlot(slot, from, to) {
      await cluster.beginSlotMigration(slot, from, to);
      await cluster.migrateKeys(slot, from, to);
      await cluster.endSlotMigration(slot, from, to);
    },
    logs,
    stop,
  };

  try {
    const deadline = Date.now() + (options.timeout ?? 30_000);
    if (options.tls) tlsFiles = makeCertificates(rootDir);
    const created = await Promise.allSettled(
      Array.from({ length: total }, (_, index) => createNode(index)),
    );
    const failed = created.find((result) => result.status === "rejected");
    if (failed !== undefined) throw failed.reason;
    await form(deadline);
  } catch (error) {
    const states_ = states.filter((s) => s !== undefined);
    states.length = 0;
    states.push(...states_);
    const message = error instanceof Error ? error.message : String(error);
    const tails = states.length > 0 && !message.includes("--- node :")
      ? `\n${logs()}`
      : "";
    await stop();
    // The message holds everything: no `cause` printed all over again.
    throw new Error(`could not start the cluster: ${message}${tails}`);
  }
  cluster.nodes = states.map((s) => s.node);
  cluster.seeds = cluster.nodes.map((node) => node.tlsUrl ?? node.url);
  if (tlsFiles !== undefined) {
    cluster.caCert = tlsFiles.caCert;
    cluster.caFile = tlsFiles.caFile;
  }
  return cluster;
}

/** How many times `node` ran `command`, from INFO commandstats. */
export async function commandCalls(
  cluster: TestCluster,
  node: ClusterNode,
  command: string,
): Promise<number> {
  const info = String(await cluster.command(node, "INFO", "commandstats"));
  return Number(
    new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(info)?.[1] ?? 0,
  );
}

/** How many MOVED errors `node` answered, from INFO errorstats. */
export async function movedErrors(
  cluster: TestCluster,
  node: ClusterNode,
): Promise<number> {
  const info = String(await cluster.command(node, "INFO", "errorstats"));
  return Number(/errorstat_MOVED:count=(\d+)/.exec(info)?.[1] ?? 0);
}
