package dev.leanprove.orchestrator.batch;

import java.io.PrintWriter;
import java.time.Duration;

/** Plain progress lines for logs and CI (no terminal): at the start, then at most one per interval, and at the end. */
public final class LogProgress implements ProgressListener {

  private final PrintWriter out;
  private final long intervalNanos;
  private long lastPrinted;
  private boolean printed;

  public LogProgress(PrintWriter out, Duration interval) {
    if (interval.isNegative()) {
      throw new IllegalArgumentException("the interval must not be negative: " + interval);
    }
    this.out = out;
    this.intervalNanos = interval.toNanos();
  }

  @Override
  public synchronized void update(ProgressSnapshot snapshot) {
    long now = System.nanoTime();
    if (printed && now - lastPrinted < intervalNanos) {
      return;
    }
    print(snapshot, now);
  }

  @Override
  public synchronized void finished(ProgressSnapshot snapshot) {
    print(snapshot, System.nanoTime());
  }

  private void print(ProgressSnapshot snapshot, long now) {
    out.println(ProgressText.line(snapshot));
    out.flush();
    printed = true;
    lastPrinted = now;
  }
}
