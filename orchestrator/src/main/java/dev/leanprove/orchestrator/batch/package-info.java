/**
 * Batch proving: a miniF2F directory or a DeepSeek JSONL file proved problem by problem through
 * {@link dev.leanprove.orchestrator.search.FileProver}, with an append-only attempt log that a
 * killed run resumes from, pass@k, and summaries in JSON, Markdown and HTML.
 */
package dev.leanprove.orchestrator.batch;
