package dev.leanprove.orchestrator.batch;

import java.io.PrintWriter;

/** A progress bar redrawn in place on a terminal ({@code \r}), with ETA, solved so far and the failure mix. */
public final class TerminalProgress implements ProgressListener {

  private static final int BAR_WIDTH = 30;

  private final PrintWriter out;
  private int lastLength;

  public TerminalProgress(PrintWriter out) {
    this.out = out;
  }

  @Override
  public synchronized void update(ProgressSnapshot snapshot) {
    String text = ProgressText.bar(snapshot, BAR_WIDTH);
    // Blank out what a longer previous line left behind.
    out.print("\r" + text + " ".repeat(Math.max(0, lastLength - text.length())));
    out.flush();
    lastLength = text.length();
  }

  @Override
  public synchronized void finished(ProgressSnapshot snapshot) {
    update(snapshot);
    out.println();
    out.flush();
  }
}
