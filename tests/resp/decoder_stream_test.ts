import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  type Reply,
  RespDecoder,
  RespDecoderStream,
  type RespDecoderStreamOptions,
  VerbatimString,
} from "../../src/resp/mod.ts";
import { ProtocolError } from "../../src/errors.ts";
import { bytes } from "./_helpers.ts";

function source(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

async function readAll<T>(stream: ReadableStream<T>): Promise<T[]> {
  const reader = stream.getReader();
  const values: T[] = [];
  while (true) {
    const { done, value } = await reader.read();
    if (done) return values;
    values.push(value);
  }
}

/** Pipes `chunks` through a RespDecoderStream and collects every batch. */
function decodeStream(
  chunks: string[],
  options?: RespDecoderStreamOptions,
): Promise<Reply[][]> {
  return readAll(
    source(chunks.map(bytes)).pipeThrough(new RespDecoderStream(options)),
  );
}

/** Reads `failure` through a call, so earlier assertions do not narrow it. */
function failureOf(stream: RespDecoderStream): ProtocolError | undefined {
  return stream.failure;
}

function isProtocolError(pattern: RegExp): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof ProtocolError, `not a ProtocolError: ${error}`);
    assert.equal(error.name, "ProtocolError");
    assert.match(error.message, pattern);
    return true;
  };
}

describe("RespDecoderStream", () => {
  it("RespDecoderStream emits one array per chunk that completed replies", async () => {
    assert.deepStrictEqual(
      await decodeStream(["+A\r\n+B\r\n", "+C", "\r\n"]),
      [["A", "B"], ["C"]],
    );
  });

  it("RespDecoderStream emits nothing for chunks that complete no reply", async () => {
    assert.deepStrictEqual(
      await decodeStream([
        "",
        "*3\r\n",
        ":1\r\n",
        "",
        ":2\r\n",
        ":3\r\n+x\r\n",
      ]),
      [[[1, 2, 3], "x"]],
    );
  });

  it("RespDecoderStream emits a reply split byte by byte once, when complete", async () => {
    const wire = "$11\r\nhello world\r\n:7\r\n";
    assert.deepStrictEqual(await decodeStream([...wire]), [
      ["hello world"],
      [7],
    ]);
  });

  it("RespDecoderStream emits every reply of one big chunk in one batch", async () => {
    const batches = await decodeStream([":1\r\n".repeat(1000)]);
    assert.equal(batches.length, 1);
    assert.deepStrictEqual(batches[0], new Array(1000).fill(1));
  });

  it("RespDecoderStream emits nothing for an empty stream", async () => {
    assert.deepStrictEqual(await decodeStream([]), []);
  });

  it("RespDecoderStream errors the readable with a ProtocolError on garbage", async () => {
    const stream = new RespDecoderStream();
    const replies = source([bytes("?garbage\r\n")]).pipeThrough(stream);
    await assert.rejects(
      readAll(replies),
      isProtocolError(/Unknown reply type byte "\?"/),
    );
    assert.ok(stream.failure instanceof ProtocolError);
  });

  it("RespDecoderStream emits the replies completed before garbage in the same chunk, then errors", async () => {
    const replies = source([bytes("+A\r\n+B\r\n?garbage\r\n")]).pipeThrough(
      new RespDecoderStream(),
    );
    const reader = replies.getReader();
    assert.deepStrictEqual(await reader.read(), {
      done: false,
      value: ["A", "B"],
    });
    await assert.rejects(reader.read(), isProtocolError(/Unknown reply type/));
  });

  it("RespDecoderStream sets failure at the bad byte and errors on the next write", async () => {
    const stream = new RespDecoderStream();
    const writer = stream.writable.getWriter();
    const reader = stream.readable.getReader();
    assert.equal(failureOf(stream), undefined);

    // A pending read lifts the readable's backpressure so writes go through.
    const first = reader.read();
    await writer.write(bytes("+OK\r\n:1"));
    assert.deepStrictEqual(await first, { done: false, value: ["OK"] });
    assert.equal(failureOf(stream), undefined);

    // Completes `:1`, then meets a bad bulk length.
    const second = reader.read();
    await writer.write(bytes("\r\n$x\r\n"));
    assert.deepStrictEqual(await second, { done: false, value: [1] });
    const failure = failureOf(stream);
    assert.ok(failure instanceof ProtocolError);
    assert.match(failure.message, /Invalid bulk string length "x"/);

    const third = reader.read();
    const write = writer.write(bytes("+more\r\n"));
    await assert.rejects(write, (error) => error === failure);
    await assert.rejects(third, (error) => error === failure);
  });

  it("RespDecoderStream errors on close after replies that preceded garbage", async () => {
    const stream = new RespDecoderStream();
    const writer = stream.writable.getWriter();
    const reader = stream.readable.getReader();
    const first = reader.read();
    await writer.write(bytes(":7\r\n_oops\r\n"));
    assert.deepStrictEqual(await first, { done: false, value: [7] });
    const second = reader.read();
    const close = writer.close();
    await assert.rejects(second, isProtocolError(/Invalid null/));
    await assert.rejects(close, isProtocolError(/Invalid null/));
  });

  it("RespDecoderStream passes the bytes option to its decoder", async () => {
    assert.deepStrictEqual(
      await decodeStream(["$3\r\nabc\r\n*1\r\n$1\r\nz\r\n"], { bytes: true }),
      [[bytes("abc"), [bytes("z")]]],
    );
  });

  it("RespDecoderStream passes the verbatim option to its decoder", async () => {
    const [batch] = await decodeStream(["=7\r\ntxt:abc\r\n"], {
      verbatim: "object",
    });
    const verbatim = batch?.[0];
    assert.ok(verbatim instanceof VerbatimString);
    assert.equal(verbatim.format, "txt");
    assert.equal(verbatim.text, "abc");
  });

  it("RespDecoderStream passes the limits to its decoder", async () => {
    await assert.rejects(
      decodeStream(["$10\r\n"], { maxBulkLength: 5 }),
      isProtocolError(/exceeds the limit of 5/),
    );
  });

  it("RespDecoderStream passes onAttributes to its decoder", async () => {
    const seen: Map<Reply, Reply>[] = [];
    const batches = await decodeStream(["|1\r\n+k\r\n+v\r\n+OK\r\n"], {
      onAttributes: (attributes) => seen.push(attributes),
    });
    assert.deepStrictEqual(batches, [["OK"]]);
    assert.deepStrictEqual(seen, [new Map([["k", "v"]])]);
  });

  it("RespDecoderStream exposes the RespDecoder it feeds", async () => {
    const stream = new RespDecoderStream();
    assert.ok(stream.decoder instanceof RespDecoder);
    const writer = stream.writable.getWriter();
    const reader = stream.readable.getReader();
    // A pending read lifts the readable's backpressure so writes go through.
    const read = reader.read();
    await writer.write(bytes("*2\r\n:1\r\n"));
    assert.equal(stream.decoder.pending, true);
    await writer.write(bytes(":2\r\n"));
    assert.deepStrictEqual(await read, { done: false, value: [[1, 2]] });
    assert.equal(stream.decoder.pending, false);
  });

  it("RespDecoderStream errors when the input ends in the middle of a reply", async () => {
    const replies = ReadableStream.from([
      new TextEncoder().encode("+OK\r\n*2\r\n:1\r\n"),
    ]).pipeThrough(new RespDecoderStream());
    const reader = replies.getReader();
    assert.deepEqual(await reader.read(), { value: ["OK"], done: false });
    await assert.rejects(reader.read(), (error: unknown) => {
      assert.ok(error instanceof ProtocolError);
      assert.match(error.message, /ended in the middle of a reply/);
      return true;
    });
  });
});

describe("RespDecoderStream readTarget", () => {
  it("RespDecoderStream.readTarget offers the decoder's target only once every chunk sent has been decoded", async () => {
    const stream = new RespDecoderStream({ bytes: true });
    const writer = stream.writable.getWriter();
    const reader = stream.readable.getReader();
    const value = new Uint8Array(100_000).fill(0x61);
    assert.equal(stream.readTarget(0), undefined);
    // The readable side applies backpressure until someone reads.
    const batch = reader.read();
    await writer.write(bytes("$100000\r\naa"));
    // One chunk sent and decoded.
    const target = stream.readTarget(1);
    assert.ok(target);
    assert.equal(target.length, 99_998);
    // A caller that has sent a chunk the stream has not decoded yet gets
    // nothing: that chunk would be copied over the bytes read.
    assert.equal(stream.readTarget(2), undefined);
    target.set(value.subarray(2));
    await writer.write(target);
    await writer.write(bytes("\r\n"));
    const { value: replies } = await batch;
    assert.ok(replies?.[0] instanceof Uint8Array);
    assert.equal(replies[0].length, value.length);
    assert.ok(replies[0].every((byte) => byte === 0x61));
  });
});
