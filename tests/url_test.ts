import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseRedisUrl, redactUrl } from "../mod.ts";

describe("parseRedisUrl", () => {
  it("parseRedisUrl reads host, port and database", () => {
    assert.deepEqual(parseRedisUrl("redis://example.com:6380/7"), {
      hostname: "example.com",
      port: 6380,
      db: 7,
    });
    assert.deepEqual(parseRedisUrl("redis://localhost"), {
      hostname: "localhost",
    });
  });

  it("parseRedisUrl reads user and password, percent-decoded", () => {
    assert.deepEqual(parseRedisUrl("redis://al%40ce:p%3Ass%2Fw@h:1/0"), {
      hostname: "h",
      port: 1,
      db: 0,
      username: "al@ce",
      password: "p:ss/w",
    });
    assert.deepEqual(parseRedisUrl("redis://:only-password@h"), {
      hostname: "h",
      password: "only-password",
    });
  });

  it("parseRedisUrl strips the brackets of an IPv6 host", () => {
    assert.deepEqual(parseRedisUrl("redis://[::1]:6379"), {
      hostname: "::1",
      port: 6379,
    });
  });

  it("parseRedisUrl turns rediss into TLS", () => {
    assert.deepEqual(parseRedisUrl("rediss://h:6380"), {
      hostname: "h",
      port: 6380,
      tls: true,
    });
  });

  it("parseRedisUrl reads unix socket URLs with query parameters", () => {
    assert.deepEqual(
      parseRedisUrl(
        "unix:///run/redis/redis.sock?db=2&user=u&password=p%26w&protocol=2&name=worker",
      ),
      {
        path: "/run/redis/redis.sock",
        db: 2,
        username: "u",
        password: "p&w",
        protocol: 2,
        clientName: "worker",
      },
    );
  });

  it("parseRedisUrl rejects malformed URLs with a TypeError", () => {
    for (
      const url of [
        "not a url",
        "http://h",
        "redis://h/notanumber",
        "redis://h?db=x",
        "redis://h?protocol=4",
        "redis://h?unknown=1",
        "unix://host/path",
        "unix://",
      ]
    ) {
      assert.throws(() => parseRedisUrl(url), TypeError, url);
    }
  });

  it("parseRedisUrl never puts any part of the password in its error message", () => {
    const cases: [string, string[]][] = [
      ["redis://user:hunter2@h:badport", ["hunter2"]],
      ["redis://user:hunter2@h/x", ["hunter2"]],
      ["redis://h?password=hunter2&db=x", ["hunter2"]],
      ["redis://user:hunter2@h?nope=1", ["hunter2"]],
      ["redis://user:hun@ter2@h:badport", ["hun@", "ter2"]],
      ["redis://user:hu/nter2@h:badport", ["hu/", "nter2"]],
      ["redis://hunter2@h:badport", ["hunter2"]],
      ["redis://h?pasword=hunter2", ["hunter2"]],
      ["redis://h?PASSWORD=hunter2", ["hunter2"]],
      ["redis://h?passwd=hunter2&db=1", ["hunter2"]],
      ["redis://h?hunter2:x=1", ["hunter2"]],
      ["redis://h?db=1&secret=hunter2#frag", ["hunter2"]],
    ];
    for (const [url, fragments] of cases) {
      assert.throws(() => parseRedisUrl(url), (error: unknown) => {
        assert.ok(error instanceof TypeError);
        for (const fragment of fragments) {
          assert.ok(!error.message.includes(fragment), error.message);
        }
        return true;
      });
    }
  });
});

describe("redactUrl", () => {
  it("redactUrl hides every query value but db and protocol", () => {
    assert.equal(
      redactUrl("redis://h:1?pasword=hunter2&db=2&protocol=3&name=n"),
      "redis://h:1?pasword=***&db=2&protocol=3&name=***",
    );
  });

  it("redactUrl hides the password in the authority and the query", () => {
    assert.equal(
      redactUrl("redis://u:secret@h:1/0"),
      "redis://u:***@h:1/0",
    );
    assert.equal(
      redactUrl("unix:///s.sock?user=u&password=secret&db=1"),
      "unix:///s.sock?user=***&password=***&db=1",
    );
    assert.equal(redactUrl("redis://h:1"), "redis://h:1");
    assert.equal(redactUrl("redis://u:p@s/s@h/0"), "redis://u:***@h/0");
    assert.equal(redactUrl("redis://secret@h"), "redis://***@h");
  });
});
