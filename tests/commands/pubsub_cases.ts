import type { CommandCase } from "./_helpers.ts";

const channel = new TextEncoder().encode("ch");

/** Argument encoding cases; also used by the coverage test's key check. */
export const cases: CommandCase[] = [
  {
    method: "publish",
    params: ["ch", "hello"],
    argv: ["PUBLISH", "ch", "hello"],
  },
  {
    method: "publish",
    params: [channel, new Uint8Array([0xff, 0x00])],
    argv: ["PUBLISH", channel, new Uint8Array([0xff, 0x00])],
    name: "PUBLISH with a byte channel and a byte message",
  },
  { method: "pubsubChannels", params: [], argv: ["PUBSUB", "CHANNELS"] },
  {
    method: "pubsubChannels",
    params: ["news.*"],
    argv: ["PUBSUB", "CHANNELS", "news.*"],
  },
  { method: "pubsubHelp", params: [], argv: ["PUBSUB", "HELP"] },
  { method: "pubsubNumpat", params: [], argv: ["PUBSUB", "NUMPAT"] },
  { method: "pubsubNumsub", params: [], argv: ["PUBSUB", "NUMSUB"] },
  {
    method: "pubsubNumsub",
    params: ["a", "b"],
    argv: ["PUBSUB", "NUMSUB", "a", "b"],
  },
  {
    method: "pubsubShardchannels",
    params: [],
    argv: ["PUBSUB", "SHARDCHANNELS"],
  },
  {
    method: "pubsubShardchannels",
    params: ["orders:*"],
    argv: ["PUBSUB", "SHARDCHANNELS", "orders:*"],
  },
  {
    method: "pubsubShardnumsub",
    params: ["s1", "s2"],
    argv: ["PUBSUB", "SHARDNUMSUB", "s1", "s2"],
  },
  {
    method: "spublish",
    params: ["s1", "hello"],
    argv: ["SPUBLISH", "s1", "hello"],
  },
];
