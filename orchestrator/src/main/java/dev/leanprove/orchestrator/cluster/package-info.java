/**
 * Verification spread over machines with Vert.x clustering (Hazelcast): workers run Lean and
 * consume verify requests from the clustered event bus; a coordinator dispatches them by capacity.
 */
package dev.leanprove.orchestrator.cluster;
