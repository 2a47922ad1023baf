/**
 * connectCluster over TLS (the nodes' TLS ports, certificates verified
 * against the test CA) and against a one-master cluster.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { connectCluster } from "../../src/cluster/client.ts";
import { startCluster, type TestCluster } from "../_cluster.ts";
import { uniqueKey } from "../_support.ts";

describe("connectCluster over TLS", () => {
  let cluster: TestCluster;

  before(async () => {
    cluster = await startCluster({
      masters: 3,
      replicasPerMaster: 0,
      tls: true,
    });
  });

  after(async () => {
    await cluster?.stop();
  });

  it("connectCluster reaches every master on its TLS port and verifies its certificate", async () => {
    assert.ok(cluster.seeds[0]!.startsWith("rediss://"));
    const client = await connectCluster({
      nodes: [cluster.seeds[0]!],
      tls: { caCerts: [cluster.caCert!] },
    });
    try {
      const tlsPorts = cluster.masters().map((node) => node.tlsPort).sort();
      assert.deepEqual(
        client.slots.shards.map((shard) => shard.master?.port).sort(),
        tlsPorts,
      );
      const keys = Array.from({ length: 40 }, (_, i) => uniqueKey(`tls${i}`));
      await Promise.all(keys.map((key) => client.set(key, key)));
      assert.deepEqual(await client.mget(...keys), keys);
      assert.equal(await client.del(...keys), 40);
    } finally {
      await client.close();
    }
  });

  it("connectCluster over TLS fails when the certificate does not verify", async () => {
    await assert.rejects(
      connectCluster({ nodes: [cluster.seeds[0]!] }),
      (error: unknown) =>
        error instanceof Error && error.name === "ConnectionError" &&
        (error.cause as Error | undefined)?.name === "TlsHandshakeError",
    );
  });
});

describe("connectCluster with one master", () => {
  let cluster: TestCluster;

  before(async () => {
    cluster = await startCluster({ masters: 1, replicasPerMaster: 0 });
  });

  after(async () => {
    await cluster?.stop();
  });

  it("connectCluster serves every slot from the one master", async () => {
    const client = await connectCluster({ nodes: cluster.seeds });
    try {
      assert.equal(client.slots.shards.length, 1);
      assert.equal(client.slots.covered, 16384);
      const keys = Array.from({ length: 20 }, (_, i) => uniqueKey(`one${i}`));
      await client.sendCommand(["MSET", ...keys.flatMap((key) => [key, "1"])]);
      assert.equal(await client.dbsize(), 20);
      assert.equal(await client.existsCount(...keys), 20);
    } finally {
      await client.close();
    }
  });
});
