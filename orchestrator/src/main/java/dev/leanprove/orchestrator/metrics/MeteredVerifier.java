package dev.leanprove.orchestrator.metrics;

import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.verdict.FileReport;
import dev.leanprove.leanbridge.verdict.ProofCandidate;
import dev.leanprove.leanbridge.verdict.Verdict;
import dev.leanprove.leanbridge.verdict.Verifier;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A verifier that records every verdict's wall time by reason code; cancellation passes through. */
public final class MeteredVerifier implements Verifier {

  private final Verifier inner;
  private final Metrics metrics;

  public MeteredVerifier(Verifier inner, Metrics metrics) {
    this.inner = inner;
    this.metrics = metrics;
  }

  @Override
  public CompletableFuture<Verdict> verify(ProofCandidate candidate) {
    return recorded(inner.verify(candidate));
  }

  @Override
  public CompletableFuture<Verdict> verify(ProofCandidate candidate, Duration timeout) {
    return recorded(inner.verify(candidate, timeout));
  }

  @Override
  public CompletableFuture<Verdict> verifySketch(ProofCandidate candidate) {
    return recorded(inner.verifySketch(candidate));
  }

  @Override
  public CompletableFuture<FileReport> check(LeanSource source) {
    CompletableFuture<FileReport> report = inner.check(source);
    report.thenAccept(r -> metrics.verified(r.status(), r.wall()));
    return report;
  }

  @Override
  public boolean warm() {
    return inner.warm();
  }

  @Override
  public String revision() {
    return inner.revision();
  }

  // A side branch, not a new stage: the caller keeps the inner future, so cancelling it kills Lean.
  private CompletableFuture<Verdict> recorded(CompletableFuture<Verdict> verdict) {
    verdict.thenAccept(v -> metrics.verified(v.code(), v.wall()));
    return verdict;
  }
}
