/**
 * Test helper: a fake Redis Cluster made of byte-scripted fake servers
 * (see `../_fake_server.ts`), one per node on a free loopback port. Each
 * node answers the handshake, answers `CLUSTER SHARDS` with the cluster's
 * current layout, and hands every other command to its script; every
 * command it receives is logged, in order, with the connection and the
 * chunk of bytes it came in.
 *
 * @module
 */

import {
  type FakeConnection,
  type FakeServer,
  handshake,
  parseCommand,
  startFakeServer,
} from "../_fake_server.ts";

/** A command a fake node received. */
export interface Received {
  /** The node's name. */
  node: string;
  /** The connection's number, from 1, counted over the whole cluster. */
  conn: number;
  /** The chunk's number, counted over the whole cluster. */
  chunk: number;
  /** Its position in the cluster's log, from 0. */
  seq: number;
  command: string[];
}

/**
 * What a node answers to a command: the raw bytes to write, or `undefined`
 * to write nothing (the script may also close `conn` itself).
 */
export type Script = (
  command: string[],
  conn: FakeConnection,
) => string | undefined | Promise<string | undefined>;

/** One fake node. */
export interface FakeNode {
  readonly name: string;
  readonly host: "127.0.0.1";
  readonly port: number;
  /** Answers every command but `CLUSTER SHARDS` (default: its name, as a bulk string). */
  script: Script;
  /** Whether it closes each new connection after reading its HELLO. */
  closeAtHandshake: boolean;
  /** Connections accepted so far. */
  connections: number;
  /** The commands it received (the handshake's HELLO included). */
  readonly received: Received[];
  /** Commands received named `name` (case-insensitive), arguments included. */
  commands(name: string): string[][];
  /** Stops listening (later connections are refused) and drops its connections. */
  stop(): Promise<void>;
}

/** A shard of the fake layout: the master's name and its slot ranges. */
export interface FakeShard {
  master: string;
  ranges: [number, number][];
}

/** A byte-encoded RESP bulk string. */
export function bulk(text: string): string {
  return `$${new TextEncoder().encode(text).length}\r\n${text}\r\n`;
}

/** A fake cluster; see the module docs. */
export interface FakeCluster {
  readonly nodes: readonly FakeNode[];
  /** The node named `name`. */
  node(name: string): FakeNode;
  /** What `CLUSTER SHARDS` answers now; change it to move slots. */
  layout: FakeShard[];
  /** Every command every node received, in order. */
  readonly log: Received[];
  /** Stops every node. */
  close(): Promise<void>;
}

/**
 * Starts one fake node per name; the first layout splits the slots evenly
 * between them in that order.
 */
export async function startFakeCluster(
  names: readonly string[],
): Promise<FakeCluster> {
  const log: Received[] = [];
  let connCount = 0;
  let chunkCount = 0;
  const servers: FakeServer[] = [];
  const nodes: FakeNode[] = [];
  const per = Math.floor(16384 / names.length);
  const cluster: FakeCluster = {
    nodes,
    node(name) {
      const found = nodes.find((node) => node.name === name);
      if (found === undefined) throw new Error(`no fake node "${name}"`);
      return found;
    },
    layout: names.map((name, i) => ({
      master: name,
      ranges: [[i * per, i === names.length - 1 ? 16383 : (i + 1) * per - 1]],
    })),
    log,
    async close() {
      await Promise.all(servers.map((server) => server.close()));
    },
  };

  function shardsReply(): string {
    let out = `*${cluster.layout.length}\r\n`;
    for (const shard of cluster.layout) {
      const node = cluster.node(shard.master);
      out += `%2\r\n${bulk("slots")}*${shard.ranges.length * 2}\r\n`;
      for (const [start, end] of shard.ranges) {
        out += `:${start}\r\n:${end}\r\n`;
      }
      out += `${bulk("nodes")}*1\r\n%7\r\n` +
        bulk("id") + bulk(node.name.padEnd(40, "0")) +
        bulk("port") + `:${node.port}\r\n` +
        bulk("ip") + bulk(node.host) +
        bulk("endpoint") + bulk(node.host) +
        bulk("role") + bulk("master") +
        bulk("replication-offset") + ":0\r\n" +
        bulk("health") + bulk("online");
    }
    return out;
  }

  async function serve(node: FakeNode, conn: FakeConnection): Promise<void> {
    const id = ++connCount;
    const record = (command: string[], chunk: number) => {
      const entry = {
        node: node.name,
        conn: id,
        chunk,
        seq: log.length,
        command,
      };
      log.push(entry);
      node.received.push(entry);
    };
    if (node.closeAtHandshake) {
      const [hello] = await conn.readCommands(1);
      record(hello!, ++chunkCount);
      conn.destroy();
      return;
    }
    record(await handshake(conn, 3), ++chunkCount);
    let pending = new Uint8Array(0);
    for (;;) {
      const chunk = await conn.received();
      const number = ++chunkCount;
      const joined = new Uint8Array(pending.length + chunk.length);
      joined.set(pending, 0);
      joined.set(chunk, pending.length);
      pending = joined;
      for (;;) {
        const parsed = parseCommand(pending);
        if (parsed === undefined) break;
        pending = pending.subarray(parsed.consumed);
        const command = parsed.command;
        if (command === undefined) continue;
        record(command, number);
        const reply = command[0]?.toUpperCase() === "CLUSTER" &&
            command[1]?.toUpperCase() === "SHARDS"
          ? shardsReply()
          : await node.script(command, conn);
        if (reply !== undefined) await conn.write(reply);
      }
    }
  }

  for (const name of names) {
    const server = await startFakeServer();
    servers.push(server);
    const received: Received[] = [];
    const node: FakeNode = {
      name,
      host: server.host,
      port: server.port,
      script: () => bulk(name),
      closeAtHandshake: false,
      connections: 0,
      received,
      commands: (command) =>
        received.filter((entry) =>
          entry.command[0]?.toUpperCase() === command.toUpperCase()
        ).map((entry) => entry.command),
      stop: () => server.close(),
    };
    nodes.push(node);
    (async () => {
      for (;;) {
        const conn = await server.accept();
        node.connections++;
        // A closed connection or server ends its loop.
        serve(node, conn).catch(() => conn.destroy());
      }
    })().catch(() => {});
  }
  return cluster;
}
