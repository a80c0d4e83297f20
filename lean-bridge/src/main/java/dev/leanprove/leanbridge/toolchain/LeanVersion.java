package dev.leanprove.leanbridge.toolchain;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Lean release number; features and message wording depend on it ({@code --json} since 4.8,
 * {@code kind} since 4.15, the sorry warning's backticks since 4.28).
 */
public record LeanVersion(int major, int minor, int patch, String suffix) implements Comparable<LeanVersion> {

  private static final Pattern NUMBER = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)(-[0-9A-Za-z.]+)?");

  // `lean --version`: "Lean (version 4.11.0, Release)" or "Lean (version 4.24.0, x86_64-…, commit …, Release)";
  // `lake --version`: "Lake version 5.0.0-src+abc (Lean version 4.24.0)".
  private static final Pattern IN_VERSION_OUTPUT =
      Pattern.compile("Lean (?:\\()?version v?(\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.]+)?)");

  /** The first Lean that prints messages as JSON lines with {@code --json}. */
  public static final LeanVersion JSON_OUTPUT = new LeanVersion(4, 8, 0, "");

  public LeanVersion {
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException("version numbers must not be negative");
    }
    suffix = suffix == null ? "" : suffix;
  }

  /** Parses {@code 4.24.0}, {@code v4.24.0}, {@code 4.9.0-rc1} or a toolchain id such as {@code leanprover/lean4:v4.24.0}. */
  public static Optional<LeanVersion> parse(String text) {
    String trimmed = text.trim();
    int colon = trimmed.lastIndexOf(':');
    if (colon >= 0) {
      trimmed = trimmed.substring(colon + 1);
    }
    if (trimmed.startsWith("v")) {
      trimmed = trimmed.substring(1);
    }
    Matcher m = NUMBER.matcher(trimmed);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(of(m));
  }

  /** Finds the Lean version in what {@code lean --version} or {@code lake --version} printed. */
  public static Optional<LeanVersion> fromVersionOutput(String output) {
    Matcher m = IN_VERSION_OUTPUT.matcher(output);
    if (!m.find()) {
      return Optional.empty();
    }
    return parse(m.group(1));
  }

  private static LeanVersion of(Matcher m) {
    String suffix = m.group(4) == null ? "" : m.group(4).substring(1);
    return new LeanVersion(
        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), suffix);
  }

  public boolean atLeast(LeanVersion other) {
    return compareTo(other) >= 0;
  }

  @Override
  public int compareTo(LeanVersion o) {
    int c = Integer.compare(major, o.major);
    if (c == 0) {
      c = Integer.compare(minor, o.minor);
    }
    if (c == 0) {
      c = Integer.compare(patch, o.patch);
    }
    if (c == 0 && !suffix.equals(o.suffix)) {
      // A pre-release (4.9.0-rc1) comes before its release (4.9.0).
      c = suffix.isEmpty() ? 1 : o.suffix.isEmpty() ? -1 : suffix.compareTo(o.suffix);
    }
    return c;
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch + (suffix.isEmpty() ? "" : "-" + suffix);
  }
}
