package dev.leanprove.leanbridge.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/** A laid-out Lake project that checks run in. */
public record Workspace(Path dir) {

  /**
   * Holds one scratch directory per run, inside the workspace so {@code lake env lean} sees its packages.
   * A sandboxed run may write only its own scratch directory; the rest of the workspace is read-only to it.
   */
  static final String CHECKS_DIR = ".leanprove-checks";

  public Workspace {
    Objects.requireNonNull(dir, "dir");
    dir = dir.toAbsolutePath().normalize();
  }

  /** Whether {@code lake build} has fetched Mathlib here (Lake keeps dependencies under .lake/packages). */
  public boolean hasMathlib() {
    return Files.isDirectory(dir.resolve(".lake").resolve("packages").resolve("mathlib"));
  }

  public boolean isLaidOut() {
    return Files.isRegularFile(dir.resolve("lakefile.toml")) && Files.isRegularFile(dir.resolve("lean-toolchain"));
  }

  /**
   * Writes text to a uniquely named {@code .lean} file in a fresh scratch directory of its own (the
   * file's parent), which the run may write and the caller removes with {@link #deleteScratch}.
   */
  public Path writeCheckFile(String text) throws IOException {
    Path scratch = newScratchDir();
    Path file = scratch.resolve("Check_" + scratch.getFileName() + ".lean");
    Files.writeString(file, text);
    return file;
  }

  /** A fresh empty directory for one run's files (check file, compiled output). */
  public Path newScratchDir() throws IOException {
    Path checks = Files.createDirectories(dir.resolve(CHECKS_DIR));
    return Files.createDirectory(checks.resolve(UUID.randomUUID().toString().replace("-", "")));
  }

  /** Removes a scratch directory and whatever the run left in it; a leftover costs only disk. */
  public static void deleteScratch(Path scratch) {
    try (Stream<Path> paths = Files.walk(scratch)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // Keep deleting the rest.
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // Already gone, or unreadable: nothing more to do here.
    }
  }
}
