package dev.leanprove.orchestrator.search;

import java.util.concurrent.atomic.AtomicInteger;

/** Numbers the attempts of one prove request, so repairs and subgoals can name what they came from. */
public final class AttemptIds {

  private final AtomicInteger next = new AtomicInteger();

  public String next() {
    return "a" + next.incrementAndGet();
  }
}
