/**
 * A ClusterRouter over a test cluster, for the router tests.
 *
 * @module
 */
import {
  ClusterRouter,
  type ClusterRouterOptions,
} from "../../src/cluster/router.ts";
import type { TestCluster } from "../_cluster.ts";

/** Opens a ClusterRouter with every node of `cluster` as a seed. */
export function openRouter(
  cluster: TestCluster,
  options: Omit<ClusterRouterOptions, "seeds"> = {},
): Promise<ClusterRouter> {
  return ClusterRouter.open({
    ...options,
    seeds: cluster.nodes.map((node) => ({ host: node.host, port: node.port })),
  });
}
