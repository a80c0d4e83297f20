package dev.leanprove.orchestrator.batch;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The batch's progress bar on a terminal (me.tongfei's progressbar, redrawn in place): done of
 * total, ETA, solved so far, the failure mix and problems in flight.
 */
public final class TerminalProgress implements ProgressListener {

  /** Wide enough for the counts and the failure mix; the bar shrinks to fit. */
  static final int MAX_WIDTH = 160;

  private final PrintWriter out;
  private final ProgressBar bar;
  private volatile ProgressSnapshot last;

  public TerminalProgress(PrintWriter out) {
    this.out = out;
    this.bar = new ProgressBarBuilder()
        .setTaskName("batch")
        .setStyle(ProgressBarStyle.ASCII)
        .setInitialMax(0)
        .setMaxRenderedLength(MAX_WIDTH)
        .setUpdateIntervalMillis(500)
        .continuousUpdate()
        // Our ETA: problems resumed from an earlier run must not count as done at this run's speed.
        .setEtaFunction(state -> Optional.ofNullable(last).flatMap(s -> {
          java.util.OptionalLong eta = s.etaMs();
          return eta.isPresent() ? Optional.of(Duration.ofMillis(eta.getAsLong())) : Optional.empty();
        }))
        .setConsumer(new DelegatingProgressBarConsumer(line -> {
          out.print("\r" + line);
          out.flush();
        }, MAX_WIDTH))
        .build();
  }

  @Override
  public synchronized void update(ProgressSnapshot snapshot) {
    last = snapshot;
    bar.maxHint(snapshot.total());
    bar.stepTo(snapshot.done());
    bar.setExtraMessage(ProgressText.extra(snapshot));
  }

  @Override
  public synchronized void finished(ProgressSnapshot snapshot) {
    update(snapshot);
    bar.close();
    out.println();
    out.flush();
  }
}
