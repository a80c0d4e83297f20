package dev.leanprove.orchestrator.job;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A PostgreSQL database as job store, from a URL the operator wrote: {@code postgresql://HOST[:PORT]/DB},
 * {@code postgres://…} or {@code jdbc:postgresql://…}, with an optional {@code USER@} and driver
 * parameters after {@code ?}. A password is never taken from the URL (URLs end up in logs and
 * process lists): it comes from {@code PGPASSWORD} or a file.
 *
 * @param jdbcUrl what the driver connects to, without user or password
 * @param display the URL for messages: scheme, user, host, port and database
 * @param lease how long a server's claim on its unfinished jobs lasts without being renewed;
 *     after that another server starting on the database runs them
 */
public record PostgresTarget(String jdbcUrl, String display, Optional<String> user, Optional<String> password,
    Duration lease) implements JournalTarget {

  /** Long enough that a slow database or a GC pause does not hand live jobs to another server; renewed every third of it. */
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

  private static final String FORMS = "postgresql://HOST[:PORT]/DATABASE, postgres://… or jdbc:postgresql://…";

  public PostgresTarget {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(display, "display");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(lease, "lease");
    if (lease.toMillis() < 3) {
      throw new IllegalArgumentException("the journal lease must be at least 3 ms: " + lease);
    }
  }

  /** Whether {@code text} names a PostgreSQL database rather than a file. */
  public static boolean isUrl(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return lower.startsWith("postgresql:") || lower.startsWith("postgres:") || lower.startsWith("jdbc:postgresql:");
  }

  /**
   * The database {@code url} names; {@code user} and {@code password} (from {@code PGUSER},
   * {@code PGPASSWORD} or a file) apply unless the URL names its own user.
   *
   * @throws IllegalArgumentException naming what is wrong with the URL, which it never repeats with a password
   */
  public static PostgresTarget parse(String url, Optional<String> user, Optional<String> password) {
    String lower = url.toLowerCase(Locale.ROOT);
    String rest;
    if (lower.startsWith("jdbc:postgresql://")) {
      rest = url.substring("jdbc:postgresql://".length());
    } else if (lower.startsWith("postgresql://")) {
      rest = url.substring("postgresql://".length());
    } else if (lower.startsWith("postgres://")) {
      rest = url.substring("postgres://".length());
    } else {
      throw new IllegalArgumentException("a PostgreSQL journal URL must look like " + FORMS);
    }
    int at = rest.indexOf('@');
    int slash = rest.indexOf('/');
    if (at >= 0 && (slash < 0 || at < slash) && rest.substring(0, at).contains(":")) {
      throw new IllegalArgumentException("the journal URL must not carry a password (URLs end up in logs): "
          + "set PGPASSWORD or use --journal-password-file");
    }
    URI uri;
    try {
      uri = new URI("postgresql://" + rest);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a PostgreSQL URL (" + e.getReason() + "); expected " + FORMS);
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("the journal URL names no host; expected " + FORMS);
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    if (path.length() < 2 || path.indexOf('/', 1) >= 0) {
      throw new IllegalArgumentException("the journal URL names no database; expected " + FORMS);
    }
    String query = uri.getRawQuery();
    if (query != null) {
      for (String parameter : query.split("&")) {
        if (parameter.toLowerCase(Locale.ROOT).startsWith("password=")) {
          throw new IllegalArgumentException("the journal URL must not carry a password (URLs end up in logs): "
              + "set PGPASSWORD or use --journal-password-file");
        }
      }
    }
    String hostPort = uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
    Optional<String> named = Optional.ofNullable(uri.getUserInfo()).filter(u -> !u.isEmpty());
    Optional<String> who = named.isPresent() ? named : user.filter(u -> !u.isBlank());
    String jdbc = "jdbc:postgresql://" + hostPort + path + (query == null ? "" : "?" + query);
    String display = "postgresql://" + who.map(u -> u + "@").orElse("") + hostPort + path;
    return new PostgresTarget(jdbc, display, who, password.filter(p -> !p.isEmpty()), DEFAULT_LEASE);
  }

  public PostgresTarget withLease(Duration newLease) {
    return new PostgresTarget(jdbcUrl, display, user, password, newLease);
  }

  @Override
  public JobStore open(JobStore.Rendering rendering) throws IOException {
    return PostgresJobStore.open(this, rendering);
  }

  @Override
  public String describe() {
    return display;
  }

  /** Never prints the password: configs end up in logs. */
  @Override
  public String toString() {
    return "PostgresTarget[" + display + ", password=" + (password.isPresent() ? "(set)" : "(none)") + ", lease=" + lease + "]";
  }
}
