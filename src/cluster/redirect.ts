/**
 * What a cluster node's error reply asks the client to do: MOVED and ASK
 * name another node for a slot; TRYAGAIN, CLUSTERDOWN and LOADING ask it
 * to wait and retry; READONLY (a write that a node which is now a replica
 * refused, unrun) asks it to find the slot's master again.
 *
 * @module
 */

import { ReplyError } from "../errors.ts";
import { type NodeAddress, parseSlot } from "./slots.ts";

/** A redirection or a retry a cluster node asked for. */
export type Redirection =
  | {
    /** MOVED: the slot lives elsewhere now; ASK: ask there once (ASKING first). */
    readonly kind: "moved" | "ask";
    /** The slot of the command's keys. */
    readonly slot: number;
    /** The node to send the command to. */
    readonly address: NodeAddress;
  }
  | {
    /**
     * TRYAGAIN: a multi-key command during a slot migration; CLUSTERDOWN:
     * the cluster cannot serve the slot now; LOADING: the node is loading
     * its data set; READONLY: the node is a replica now.
     */
    readonly kind: "tryagain" | "clusterdown" | "loading" | "readonly";
  };

/**
 * The redirection or retry that `error` asks for, or `undefined` for any
 * other error, and for a MOVED or ASK whose slot is not a decimal from 0
 * to 16383 or whose address has no valid port (those reach the caller as
 * the server sent them). An empty host means the node that answered.
 *
 * @param error What a command to `from` was rejected with.
 * @param from The node that answered.
 * @returns What to do, if anything.
 */
export function redirectionOf(
  error: unknown,
  from: NodeAddress,
): Redirection | undefined {
  if (!(error instanceof ReplyError)) return undefined;
  switch (error.code) {
    case "MOVED":
    case "ASK": {
      // "MOVED 3999 127.0.0.1:6381", perhaps followed by ` (command "GET")`.
      const [, slotText = "", endpoint = ""] = error.message.split(" ", 3);
      const slot = parseSlot(slotText);
      const address = parseEndpoint(endpoint, from);
      if (slot === undefined || address === undefined) return undefined;
      return {
        kind: error.code === "MOVED" ? "moved" : "ask",
        slot,
        address,
      };
    }
    case "TRYAGAIN":
      return { kind: "tryagain" };
    case "CLUSTERDOWN":
      return { kind: "clusterdown" };
    case "LOADING":
      return { kind: "loading" };
    case "READONLY":
      return { kind: "readonly" };
    default:
      return undefined;
  }
}

/**
 * `host:port` as a redirection gives it: the port after the last colon
 * (IPv6 hosts come without brackets, or with them), the host before it, or
 * the node that answered when empty.
 */
function parseEndpoint(
  text: string,
  from: NodeAddress,
): NodeAddress | undefined {
  const colon = text.lastIndexOf(":");
  if (colon < 0) return undefined;
  const portText = text.slice(colon + 1);
  if (!/^\d{1,5}$/.test(portText)) return undefined;
  const port = Number(portText);
  if (port < 1 || port > 65535) return undefined;
  let host = text.slice(0, colon);
  if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
  return { host: host === "" ? from.host : host, port };
}
