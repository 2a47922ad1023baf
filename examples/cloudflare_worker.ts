// A Cloudflare Worker that counts its visits in Redis, over TCP with
// `connect()` from `cloudflare:sockets` (respite picks it by itself).
//
// wrangler.toml:
//   name = "respite-example"
//   main = "cloudflare_worker.ts"
//   compatibility_date = "2026-11-01"
//   # no compatibility_flags needed: respite uses no node:* module
//
// Then `npx jsr add @respite/redis`, set the secret with
// `npx wrangler secret put REDIS_URL` (e.g. rediss://default:pw@host:6380),
// and `npx wrangler deploy`.
import { connect } from "../mod.ts";

interface Env {
  REDIS_URL: string;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    // One client per request: Workers do not let one request use a socket
    // another request opened. Closed (by `await using`) before the
    // response goes out.
    await using client = await connect({
      url: env.REDIS_URL,
      // Fail the request instead of waiting through an outage.
      commandTimeout: 2000,
      reconnect: false,
    });
    const path = new URL(request.url).pathname;
    // Commands issued together go out in one write.
    const [visits, total] = await Promise.all([
      client.hincrby("visits", path, 1),
      client.incr("visits:total"),
    ]);
    return Response.json({ path, visits, total });
  },
};
