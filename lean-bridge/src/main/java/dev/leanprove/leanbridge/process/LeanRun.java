package dev.leanprove.leanbridge.process;

import java.time.Duration;
import java.util.Locale;
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

  /** How much of each stream's end {@link #describe} quotes. */
  static final int DESCRIBED_TAIL_CHARS = 2000;

  public LeanRun {
    Objects.requireNonNull(termination, "termination");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(wall, "wall");
  }

  /**
   * One message for logs and failure details: what ran where, how it ended, after how long, and
   * the end of its output, e.g. {@code [lake, env, lean, A.lean] in /ws timed out (limit 300.0 s)
   * after 302.1 s} followed by the stderr and stdout tails.
   *
   * @param invocation the invocation this run came from
   */
  public String describe(LeanInvocation invocation) {
    StringBuilder text = new StringBuilder()
        .append(invocation.argv()).append(" in ").append(invocation.workDir()).append(' ');
    switch (termination) {
      case EXITED:
        text.append("exited with code ").append(exitCode);
        break;
      case TIMED_OUT:
        text.append("timed out (limit ").append(seconds(invocation.timeout())).append(')');
        break;
      case OUT_OF_MEMORY:
        text.append("was killed over its memory limit of ")
            .append(invocation.memoryLimitBytes()).append(" bytes");
        break;
      case CANCELLED:
        text.append("was cancelled");
        break;
      default:
        throw new AssertionError(termination);
    }
    text.append(" after ").append(seconds(wall));
    if (outputTruncated) {
      text.append(" (output truncated)");
    }
    appendTail(text, "stderr", stderr);
    appendTail(text, "stdout", stdout);
    return text.toString();
  }

  private static void appendTail(StringBuilder text, String name, String output) {
    if (output.isBlank()) {
      return;
    }
    text.append('\n').append(name).append(" tail:\n");
    int from = Math.max(0, output.length() - DESCRIBED_TAIL_CHARS);
    if (from > 0 && Character.isLowSurrogate(output.charAt(from))) {
      from++;
    }
    int to = output.endsWith("\n") ? output.length() - 1 : output.length();
    text.append(from > 0 ? "…" : "").append(output, Math.min(from, to), to);
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toNanos() / 1e9);
  }
}
