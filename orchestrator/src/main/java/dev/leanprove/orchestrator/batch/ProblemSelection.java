package dev.leanprove.orchestrator.batch;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Which problems of the input to run: names matching a glob, one split, the first N of those.
 *
 * @param nameGlob e.g. {@code mathd_algebra_*} or {@code {imo,aime}*}
 * @param split e.g. {@code valid} (case-insensitive)
 * @param limit at most this many, in input order
 */
public record ProblemSelection(Optional<String> nameGlob, Optional<String> split, OptionalInt limit) {

  public static final ProblemSelection ALL = new ProblemSelection(Optional.empty(), Optional.empty(), OptionalInt.empty());

  public ProblemSelection {
    Objects.requireNonNull(nameGlob, "nameGlob");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(limit, "limit");
    if (limit.isPresent() && limit.getAsInt() < 1) {
      throw new IllegalArgumentException("the limit must be at least 1: " + limit.getAsInt());
    }
    if (nameGlob.isPresent()) {
      // Fails here, with the pattern in the message, rather than in the middle of a run.
      matcher(nameGlob.get());
    }
  }

  List<Problem> apply(List<Problem> problems) {
    Predicate<Problem> byName = nameGlob.map(g -> {
      PathMatcher m = matcher(g);
      return (Predicate<Problem>) p -> m.matches(Path.of(p.name()));
    }).orElse(p -> true);
    Predicate<Problem> bySplit = split.map(s -> (Predicate<Problem>) p -> p.split().equalsIgnoreCase(s.trim()))
        .orElse(p -> true);
    return problems.stream().filter(byName.and(bySplit)).limit(limit.orElse(Integer.MAX_VALUE)).collect(Collectors.toList());
  }

  private static PathMatcher matcher(String glob) {
    if (glob.isBlank() || glob.contains("/")) {
      throw new IllegalArgumentException("not a name glob: \"" + glob + "\"");
    }
    try {
      return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a name glob: \"" + glob + "\" (" + e.getMessage().toLowerCase(Locale.ROOT) + ")");
    }
  }
}
