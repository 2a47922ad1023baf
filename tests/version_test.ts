/**
 * The version the handshake reports (`CLIENT SETINFO LIB-VER`) is the
 * package's.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { VERSION } from "../src/_version.ts";

describe("VERSION", () => {
  it("VERSION equals the version in deno.json", () => {
    const config = JSON.parse(
      fs.readFileSync(new URL("../deno.json", import.meta.url), "utf8"),
    );
    assert.equal(VERSION, config.version);
    assert.match(VERSION, /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
  });
});
