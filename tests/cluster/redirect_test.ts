/**
 * redirectionOf: MOVED and ASK with their slot and address, the retry
 * codes, and malformed redirections left to the caller.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { redirectionOf } from "../../src/cluster/redirect.ts";
import { ConnectionError, ReplyError } from "../../src/errors.ts";

const FROM = { host: "10.0.0.9", port: 7000 };

function reply(message: string, command?: string): ReplyError {
  const error = new ReplyError(message);
  return command === undefined ? error : error.forCommand(command);
}

describe("redirectionOf", () => {
  it("redirectionOf reads MOVED and ASK, after the command was named too", () => {
    assert.deepEqual(
      redirectionOf(reply("MOVED 3999 127.0.0.1:6381"), FROM),
      { kind: "moved", slot: 3999, address: { host: "127.0.0.1", port: 6381 } },
    );
    assert.deepEqual(
      redirectionOf(reply("ASK 0 redis-2.example:7001", "GET"), FROM),
      {
        kind: "ask",
        slot: 0,
        address: { host: "redis-2.example", port: 7001 },
      },
    );
  });

  it("redirectionOf takes IPv6 hosts with or without brackets, and an empty host as the node that answered", () => {
    assert.deepEqual(
      redirectionOf(reply("MOVED 1 ::1:6380"), FROM),
      { kind: "moved", slot: 1, address: { host: "::1", port: 6380 } },
    );
    assert.deepEqual(
      redirectionOf(reply("MOVED 1 [fe80::1]:6380"), FROM),
      { kind: "moved", slot: 1, address: { host: "fe80::1", port: 6380 } },
    );
    assert.deepEqual(
      redirectionOf(reply("MOVED 16383 :6390"), FROM),
      { kind: "moved", slot: 16383, address: { host: "10.0.0.9", port: 6390 } },
    );
  });

  it("redirectionOf leaves a MOVED with a bad slot or address to the caller", () => {
    for (
      const message of [
        "MOVED abc 127.0.0.1:6381",
        "MOVED 16384 127.0.0.1:6381",
        "MOVED -1 127.0.0.1:6381",
        "MOVED __proto__ 127.0.0.1:6381",
        "MOVED 12 127.0.0.1",
        "MOVED 12 127.0.0.1:0",
        "MOVED 12 127.0.0.1:65536",
        "MOVED 12 127.0.0.1:port",
        "MOVED 12",
        "ASK",
      ]
    ) {
      assert.equal(redirectionOf(reply(message), FROM), undefined, message);
    }
  });

  it("redirectionOf names the retry codes and nothing else", () => {
    assert.deepEqual(
      redirectionOf(
        reply("TRYAGAIN Multiple keys request during rehashing of slot"),
        FROM,
      ),
      { kind: "tryagain" },
    );
    assert.deepEqual(
      redirectionOf(reply("CLUSTERDOWN The cluster is down"), FROM),
      { kind: "clusterdown" },
    );
    assert.deepEqual(
      redirectionOf(
        reply("LOADING Redis is loading the dataset in memory"),
        FROM,
      ),
      { kind: "loading" },
    );
    assert.deepEqual(
      redirectionOf(
        reply("READONLY You can't write against a read only replica."),
        FROM,
      ),
      { kind: "readonly" },
    );
    assert.equal(redirectionOf(reply("ERR unknown command"), FROM), undefined);
    assert.equal(
      redirectionOf(
        reply("CROSSSLOT Keys in request don't hash to the same slot"),
        FROM,
      ),
      undefined,
    );
    assert.equal(
      redirectionOf(new ConnectionError("MOVED 1 h:1"), FROM),
      undefined,
    );
  });
});
