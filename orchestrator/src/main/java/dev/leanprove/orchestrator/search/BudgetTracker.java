package dev.leanprove.orchestrator.search;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What is left of a budget while a search runs. Children draw from their parent too, so a
 * subgoal can never spend more than the theorem it belongs to.
 */
public final class BudgetTracker {

  private final Budget budget;
  private final BudgetTracker parent;
  private final long deadlineNanos;
  private final AtomicInteger samples = new AtomicInteger();
  private final AtomicLong tokens = new AtomicLong();

  private BudgetTracker(Budget budget, BudgetTracker parent) {
    this.budget = budget;
    this.parent = parent;
    long own = System.nanoTime() + budget.wall().toNanos();
    this.deadlineNanos = parent == null ? own : Math.min(own, parent.deadlineNanos);
  }

  public static BudgetTracker start(Budget budget) {
    return new BudgetTracker(budget, null);
  }

  /** A share of this budget for a sub-search, never more than what is left here. */
  public BudgetTracker child(Budget cap) {
    return new BudgetTracker(cap, this);
  }

  /** Reserves up to {@code wanted} samples and returns how many were granted (0 when spent). */
  public int reserveSamples(int wanted) {
    int granted = Math.min(wanted, remainingSamples());
    if (granted <= 0 || timeLeft().isZero()) {
      return 0;
    }
    if (parent != null) {
      granted = parent.reserveSamples(granted);
    }
    samples.addAndGet(granted);
    return granted;
  }

  /** Records completion tokens spent (here and in every ancestor). */
  public void spendTokens(long n) {
    tokens.addAndGet(n);
    if (parent != null) {
      parent.spendTokens(n);
    }
  }

  public int remainingSamples() {
    int own = budget.samples() - samples.get();
    return parent == null ? Math.max(0, own) : Math.max(0, Math.min(own, parent.remainingSamples()));
  }

  public long remainingTokens() {
    long own = budget.tokens() - tokens.get();
    return parent == null ? Math.max(0, own) : Math.max(0, Math.min(own, parent.remainingTokens()));
  }

  public Duration timeLeft() {
    long left = deadlineNanos - System.nanoTime();
    return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
  }

  /** Whether another model round can be paid for at all. */
  public boolean exhausted() {
    return remainingSamples() == 0 || remainingTokens() == 0 || timeLeft().isZero();
  }

  public int samplesSpent() {
    return samples.get();
  }

  /** Samples spent by the whole search this tracker belongs to (its root), for numbering sample seeds. */
  public int searchSamplesSpent() {
    return parent == null ? samples.get() : parent.searchSamplesSpent();
  }

  public long tokensSpent() {
    return tokens.get();
  }
}
