package dev.leanprove.leanbridge.process;

import java.time.Duration;
import java.util.Objects;

/**
 * What one finished process produced.
 *
 * @param exitCode the exit status, or -1 when the process was killed before it exited by itself
 * @param stdout captured standard output (head and tail kept when it exceeded the cap)
 * @param stderr captured standard error (likewise capped)
 * @param outputTruncated whether either stream exceeded the cap and lost its middle
 */
public record LeanRun(
    int exitCode,
    Termination termination,
    String stdout,
    String stderr,
    Duration wall,
    boolean outputTruncated) {

  public LeanRun {
    Objects.requireNonNull(termination, "termination");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(wall, "wall");
  }
}
