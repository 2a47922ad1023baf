/**
 * Commander: the typed command surface over any Sender. A recording Sender
 * shows what each kind of call hands to the layer below (the built
 * argument vector, the transform, bytes, per-call options and the
 * declaration's flags), with no server involved.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Commander, defineScript, ReplyError } from "../mod.ts";
import { BLOCKING, commands, CONNECTION_STATE } from "../src/commands/mod.ts";
import { AS_WRITTEN } from "../src/_flags.ts";
import type { Batch } from "../src/_batch.ts";
import type { Sender } from "../src/sender.ts";
import type { Arg, Reply } from "../src/resp/types.ts";

interface Sent {
  argv: readonly Arg[];
  bytes: boolean;
  call: unknown;
  flags: number;
  transformed: boolean;
}

/** A Sender that records and answers from `answer`. */
class RecordingSender implements Sender {
  sent: Sent[] = [];
  batches: Batch[] = [];
  dedicatedFor: (readonly Arg[])[] = [];
  subscribed: { kind: string; names: readonly unknown[] }[] = [];
  answer: (argv: readonly Arg[]) => Reply | Error = () => "OK";

  send(
    argv: readonly Arg[],
    transform: ((reply: Reply) => unknown) | undefined,
    bytes: boolean,
    call: unknown,
    flags: number,
  ): Promise<unknown> {
    this.sent.push({
      argv,
      bytes,
      call,
      flags,
      transformed: transform !== undefined,
    });
    const reply = this.answer(argv);
    if (reply instanceof Error) return Promise.reject(reply);
    return Promise.resolve(transform === undefined ? reply : transform(reply));
  }

  sendBatch(batch: Batch): Promise<unknown[]> {
    this.batches.push(batch);
    for (const entry of batch.entries) entry.resolve("OK");
    return batch.promise;
  }

  dedicated<R>(
    argv: readonly Arg[],
    _call: unknown,
    _flags: number,
    work: (sender: Sender, call: { timeout?: number }) => Promise<R>,
  ): Promise<R> {
    this.dedicatedFor.push(argv);
    return work(this, {});
  }

  subscribe(kind: string, names: readonly unknown[]): Promise<never> {
    this.subscribed.push({ kind, names });
    return Promise.reject(new Error("not in this test"));
  }
}

describe("Commander", () => {
  it("Commander hands a typed call's argument vector, transform and flags to its sender", async () => {
    const sender = new RecordingSender();
    const surface = new Commander(sender);
    sender.answer = () => "7";
    assert.equal(await surface.get("k"), "7");
    assert.deepEqual(sender.sent[0], {
      argv: ["GET", "k"],
      bytes: false,
      call: undefined,
      flags: commands.get.flags,
      transformed: true,
    });
    sender.answer = () => ["a", "1"];
    await surface.blpop(["q"], 1);
    assert.equal((sender.sent[1]!.flags & BLOCKING) !== 0, true);
  });

  it("Commander's bytes view and withOptions view pass bytes and the call's options", async () => {
    const sender = new RecordingSender();
    const surface = new Commander(sender);
    await surface.bytes.get("k");
    const signal = new AbortController().signal;
    await surface.withOptions({ timeout: 50, signal }).get("k");
    await surface.withOptions({ timeout: 60 }).bytes.get("k");
    assert.deepEqual(
      sender.sent.map(({ bytes, call }) => ({ bytes, call })),
      [
        { bytes: true, call: undefined },
        { bytes: false, call: { timeout: 50, signal } },
        { bytes: true, call: { timeout: 60 } },
      ],
    );
  });

  it("Commander.sendCommand flags what the sender must look at: state changes and blocking commands as written", async () => {
    const sender = new RecordingSender();
    const surface = new Commander(sender);
    await surface.sendCommand(["SELECT", 1]);
    await surface.sendCommand(["BLPOP", "q", 1]);
    await surface.sendCommand(["GET", "k"], { bytes: true });
    assert.deepEqual(sender.sent.map((s) => [s.flags, s.bytes]), [
      [CONNECTION_STATE, false],
      [BLOCKING | AS_WRITTEN, false],
      [0, true],
    ]);
    await assert.rejects(
      surface.sendCommand([]),
      TypeError,
    );
    assert.equal(sender.sent.length, 3);
  });

  it("Commander builds pipelines and transactions as batches for the sender", async () => {
    const sender = new RecordingSender();
    const surface = new Commander(sender);
    await surface.pipeline().set("a", "1").get("a").exec();
    assert.equal(sender.batches.length, 1);
    assert.deepEqual(sender.batches[0]!.entries.map((e) => e.argv), [
      ["SET", "a", "1"],
      ["GET", "a"],
    ]);
    const tx = surface.multi().incr("n");
    assert.equal(tx.sender, sender);
  });

  it("Commander.watch runs its loop on the sender's dedicated connection, with tx over it", async () => {
    const sender = new RecordingSender();
    const surface = new Commander(sender);
    let seen: Commander | undefined;
    const result = await surface.watch("k", (tx) => {
      seen = tx;
      return undefined;
    });
    assert.equal(result, undefined);
    assert.deepEqual(sender.dedicatedFor, [["WATCH", "k"]]);
    assert.ok(seen instanceof Commander);
    assert.deepEqual(sender.sent.map((s) => s.argv), [
      ["WATCH", "k"],
      ["UNWATCH"],
    ]);
  });

  it("Commander.runScript loads a script once on NOSCRIPT and runs it by digest again", async () => {
    const sender = new RecordingSender();
    const surface = new Commander(sender);
    const script = defineScript("return 1", { keys: 0 });
    let loaded = false;
    sender.answer = (argv) => {
      if (argv[0] === "SCRIPT") {
        loaded = true;
        return script.sha1;
      }
      return loaded ? 1 : new ReplyError("NOSCRIPT No matching script");
    };
    const [a, b] = await Promise.all([
      surface.runScript(script),
      surface.runScript(script),
    ]);
    assert.deepEqual([a, b], [1, 1]);
    assert.deepEqual(
      sender.sent.map((s) => String(s.argv[0])),
      ["EVALSHA", "EVALSHA", "SCRIPT", "EVALSHA", "EVALSHA"],
    );
  });

  it("Commander.subscribe hands the kind and names to the sender", async () => {
    const sender = new RecordingSender();
    const surface = new Commander(sender);
    await assert.rejects(surface.psubscribe("news.*"), /not in this test/);
    await assert.rejects(
      surface.bytes.ssubscribe(["s:{1}"], { bufferSize: 5 }),
      /not in this test/,
    );
    assert.deepEqual(sender.subscribed, [
      { kind: "pattern", names: ["news.*"] },
      { kind: "shard", names: ["s:{1}"] },
    ]);
  });
});
