package dev.leanprove.orchestrator.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads an HTTP Retry-After header: delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
final class RetryAfter {

  /** What {@link EngineException} takes for "the server sent no usable Retry-After". */
  static final long ABSENT = -1;

  private RetryAfter() {}

  /** The wait in milliseconds, 0 for a date already past, or {@link #ABSENT}. */
  static long millis(String header, Clock clock) {
    if (header == null || header.isBlank()) {
      return ABSENT;
    }
    String value = header.trim();
    try {
      // Whole seconds per the RFC; some proxies send fractions, which cost nothing to accept.
      double seconds = Double.parseDouble(value);
      return seconds < 0 || Double.isNaN(seconds) ? ABSENT : (long) Math.ceil(seconds * 1000);
    } catch (NumberFormatException notSeconds) {
      try {
        Instant when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return Math.max(0, Duration.between(clock.instant(), when).toMillis());
      } catch (DateTimeParseException notDate) {
        return ABSENT;
      }
    }
  }
}
