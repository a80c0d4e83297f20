package dev.leanprove.orchestrator.batch;

import dev.leanprove.leanbridge.source.SourceBytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The problems of a batch input: a directory of {@code .lean} files (miniF2F-lean4 layout, one
 * theorem per file), a single {@code .lean} file, or a JSONL file in DeepSeek's format. Pieces
 * that are not problems are kept as {@link InputIssue}s for the summary instead of stopping the run.
 */
public record ProblemSet(List<Problem> problems, List<InputIssue> issues) {

  public ProblemSet {
    problems = List.copyOf(problems);
    issues = List.copyOf(issues);
  }

  /**
   * Reads the input.
   *
   * @param maxFileBytes larger Lean files become unreadable problems
   * @throws BatchInputException when the path is missing or holds no problem at all
   */
  public static ProblemSet load(Path path, int maxFileBytes) {
    if (!Files.exists(path)) {
      throw new BatchInputException("no such file or directory: " + path);
    }
    ProblemSet set;
    try {
      if (Files.isDirectory(path)) {
        set = directory(path, maxFileBytes);
      } else if (path.getFileName().toString().endsWith(".lean")) {
        set = new ProblemSet(List.of(leanFile(path, maxFileBytes)), List.of());
      } else {
        set = JsonlProblems.read(path);
      }
    } catch (IOException | UncheckedIOException e) {
      throw new BatchInputException("cannot read " + path + ": " + e.getMessage());
    }
    set = set.withoutDuplicates();
    if (set.problems.isEmpty()) {
      throw new BatchInputException("no problems in " + path
          + (set.issues.isEmpty() ? " (no .lean files or JSONL rows)" : ": " + set.issues.get(0)
              + (set.issues.size() > 1 ? " (and " + (set.issues.size() - 1) + " more)" : "")));
    }
    return set;
  }

  /** The problems the selection keeps, in input order; input issues stay. */
  public ProblemSet select(ProblemSelection selection) {
    return new ProblemSet(selection.apply(problems), issues);
  }

  private static ProblemSet directory(Path dir, int maxFileBytes) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.getFileName().toString().endsWith(".lean"))
          .filter(Files::isRegularFile)
          .filter(p -> !hidden(dir.relativize(p)))
          .sorted()
          .collect(Collectors.toList());
    }
    List<Problem> problems = new ArrayList<>();
    for (Path f : files) {
      problems.add(leanFile(f, maxFileBytes));
    }
    return new ProblemSet(problems, List.of());
  }

  /** Lake's build folders and dot-folders hold copies, not problems. */
  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static Problem leanFile(Path file, int maxFileBytes) throws IOException {
    String fileName = file.getFileName().toString();
    String name = fileName.substring(0, fileName.length() - ".lean".length());
    Path parent = file.toAbsolutePath().getParent();
    String split = parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString().toLowerCase(Locale.ROOT);
    long size = Files.size(file);
    if (size > maxFileBytes) {
      return Problem.unreadable(name, split, file.toString(),
          String.format("the file is %,d bytes; the limit is %,d (--max-file-size)", size, maxFileBytes));
    }
    try {
      return Problem.of(name, split, file.toString(), SourceBytes.decode(Files.readAllBytes(file), file.toString()));
    } catch (IllegalArgumentException e) {
      return Problem.unreadable(name, split, file.toString(), e.getMessage());
    }
  }

  /** Names key the attempt log, so a second problem of the same name is an input issue. */
  private ProblemSet withoutDuplicates() {
    Map<String, Problem> first = new HashMap<>();
    List<Problem> kept = new ArrayList<>();
    List<InputIssue> allIssues = new ArrayList<>(issues);
    for (Problem p : problems) {
      Problem earlier = first.putIfAbsent(p.name(), p);
      if (earlier == null) {
        kept.add(p);
      } else {
        allIssues.add(new InputIssue(p.origin(), "a second problem named " + p.name() + " (first at " + earlier.origin() + "); skipped"));
      }
    }
    return new ProblemSet(kept, allIssues);
  }
}
