import { describe, expect, it } from "vitest";
import { ConfigError, loadClusterConfig } from "./config.mjs";

describe("loadClusterConfig (npm run cluster)", () => {
  it("defaults: Varnish on 8080, two replicas, Redis and the admin port beside them", () => {
    expect(loadClusterConfig({})).toEqual({ port: 8080, adminPort: 6082, redisPort: 6390, replicaPorts: [3001, 3002] });
  });

  it("takes every port from the environment, one replica per listed port", () => {
    expect(
      loadClusterConfig({ CLUSTER_PORT: "9000", CLUSTER_ADMIN_PORT: "9001", CLUSTER_REDIS_PORT: "9002", CLUSTER_REPLICA_PORTS: "9010, 9011,9012" }),
    ).toEqual({ port: 9000, adminPort: 9001, redisPort: 9002, replicaPorts: [9010, 9011, 9012] });
  });

  it("refuses a port that is not one, naming the variable", () => {
    expect(() => loadClusterConfig({ CLUSTER_PORT: "http" })).toThrow(ConfigError);
    expect(() => loadClusterConfig({ CLUSTER_REPLICA_PORTS: "3001,x" })).toThrow(/CLUSTER_REPLICA_PORTS/);
    expect(() => loadClusterConfig({ CLUSTER_PORT: "70000" })).toThrow(/CLUSTER_PORT/);
  });

  it("refuses two parts on one port", () => {
    expect(() => loadClusterConfig({ CLUSTER_REPLICA_PORTS: "8080,3002" })).toThrow(/must differ/);
  });
});
