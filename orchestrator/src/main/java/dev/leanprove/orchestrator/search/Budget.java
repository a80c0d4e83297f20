package dev.leanprove.orchestrator.search;

import java.time.Duration;
import java.util.Objects;

/**
 * How much one proof search may spend.
 *
 * @param samples model completions at most (pass@k's k)
 * @param tokens completion tokens at most
 * @param wall wall-clock time at most, verification included
 */
public record Budget(int samples, long tokens, Duration wall) {

  /** A small default a caller can afford without thinking: 8 samples, 10 minutes. */
  public static final Budget DEFAULT = new Budget(8, 400_000, Duration.ofMinutes(10));

  public Budget {
    if (samples < 0) {
      throw new IllegalArgumentException("samples must not be negative: " + samples);
    }
    if (tokens < 0) {
      throw new IllegalArgumentException("tokens must not be negative: " + tokens);
    }
    Objects.requireNonNull(wall, "wall");
    if (wall.isNegative() || wall.isZero()) {
      throw new IllegalArgumentException("wall time must be positive: " + wall);
    }
  }

  /** The smaller of each limit: what a caller asked for, capped by what the server allows. */
  public Budget capBy(Budget limit) {
    return new Budget(Math.min(samples, limit.samples), Math.min(tokens, limit.tokens),
        wall.compareTo(limit.wall) <= 0 ? wall : limit.wall);
  }
}
