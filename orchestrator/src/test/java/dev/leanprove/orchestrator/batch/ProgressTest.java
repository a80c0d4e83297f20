package dev.leanprove.orchestrator.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ProgressTest {

  static final List<Summary.ReasonCount> MIX = List.of(new Summary.ReasonCount("LEAN_ERROR", 80),
      new Summary.ReasonCount("SORRY", 3), new Summary.ReasonCount("TIMEOUT", 2), new Summary.ReasonCount("FORBIDDEN", 1),
      new Summary.ReasonCount("NO_TARGET", 1));

  @Test
  void etaMs_fromThisSessionsPace() {
    // 20 resumed + 40 done here in 60 s: 60 left at 1.5 s each.
    ProgressSnapshot s = new ProgressSnapshot(120, 60, 40, 10, 4, List.of(), 60_000);

    assertThat(s.etaMs()).hasValue(90_000);
    assertThat(new ProgressSnapshot(120, 20, 0, 0, 4, List.of(), 5_000).etaMs()).isEmpty();
  }

  @Test
  void extra_showsSolvedFailureMixAndInFlight() {
    ProgressSnapshot s = new ProgressSnapshot(244, 122, 122, 37, 4, MIX, 61_000);

    assertThat(ProgressText.extra(s)).isEqualTo(
        "proved 37, failed (LEAN_ERROR 80 SORRY 3 TIMEOUT 2 other 2), in flight 4");
  }

  @Test
  void line_beforeAnyFinished_hasNoEta() {
    ProgressSnapshot s = new ProgressSnapshot(10, 0, 0, 0, 2, List.of(), 1_500);

    assertThat(ProgressText.line(s)).isEqualTo("batch: 0/10 0%, proved 0, failed 0, in flight 2, ETA ?, elapsed 1.5 s");
  }

  @Test
  void terminal_redrawsInPlaceAndEndsWithTheFinalCounts() {
    StringWriter out = new StringWriter();
    TerminalProgress bar = new TerminalProgress(new PrintWriter(out));

    bar.update(new ProgressSnapshot(10, 1, 1, 0, 2, MIX, 1_000));
    bar.finished(new ProgressSnapshot(10, 10, 10, 3, 0, List.of(), 2_000));

    String text = out.toString();
    // Redrawn in place (\r, never a new line) until the end, which leaves the last draw on its own line.
    assertThat(text).startsWith("\r").endsWith("\n").doesNotContain("\n\r");
    String[] draws = text.substring(1).split("\r");
    String lastDraw = draws[draws.length - 1].stripTrailing();
    assertThat(lastDraw).startsWith("batch 100%").contains("10/10").contains("proved 3, failed 0, in flight 0");
  }

  @Test
  void log_atMostOneLinePerIntervalButAlwaysTheLast() {
    StringWriter out = new StringWriter();
    LogProgress log = new LogProgress(new PrintWriter(out), Duration.ofHours(1));

    log.update(new ProgressSnapshot(10, 0, 0, 0, 2, List.of(), 0));
    log.update(new ProgressSnapshot(10, 5, 5, 1, 2, List.of(), 500));
    log.finished(new ProgressSnapshot(10, 10, 10, 2, 0, List.of(), 900));

    assertThat(out.toString().lines()).hasSize(2);
    assertThat(out.toString()).contains("batch: 0/10").contains("batch: 10/10").doesNotContain("5/10");
  }

  @Test
  void log_zeroInterval_everyUpdate() {
    StringWriter out = new StringWriter();
    LogProgress log = new LogProgress(new PrintWriter(out), Duration.ZERO);

    log.update(new ProgressSnapshot(10, 0, 0, 0, 2, List.of(), 0));
    log.update(new ProgressSnapshot(10, 5, 5, 1, 2, List.of(), 500));

    assertThat(out.toString().lines()).hasSize(2);
    assertThatThrownBy(() -> new LogProgress(new PrintWriter(out), Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
