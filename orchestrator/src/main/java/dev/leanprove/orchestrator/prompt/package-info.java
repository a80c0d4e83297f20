/**
 * Prompts for prover models and the reading of their answers: templates from {@code prompts/},
 * proof extraction from model output, and Lean error feedback for repair rounds.
 */
package dev.leanprove.orchestrator.prompt;
