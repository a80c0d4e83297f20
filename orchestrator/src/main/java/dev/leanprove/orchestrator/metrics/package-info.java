/**
 * What the service measures and exposes at {@code GET /metrics} (Prometheus text format): jobs,
 * attempts, verification time, model latency and throughput, cache hit rates, pool occupancy.
 */
package dev.leanprove.orchestrator.metrics;
