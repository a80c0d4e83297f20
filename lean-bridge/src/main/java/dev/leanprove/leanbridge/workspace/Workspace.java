package dev.leanprove.leanbridge.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.UUID;

/** A laid-out Lake project that checks run in. */
public record Workspace(Path dir) {

  /** Where check files are written, inside the workspace so {@code lake env lean} sees its packages. */
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

  /** Where {@code lake build leanprove-checker} puts the kernel-replay checker. */
  public Path checker() {
    return dir.resolve(".lake").resolve("build").resolve("bin").resolve(SetupProcedure.CHECKER_TARGET);
  }

  /** Whether the kernel-replay checker is built here. */
  public boolean hasChecker() {
    return Files.isExecutable(checker());
  }

  /** The folder that holds check files and the .olean files made from them. */
  public Path checksDir() {
    return dir.resolve(CHECKS_DIR);
  }

  /** Writes text to a fresh uniquely named {@code .lean} file for one check. */
  public Path writeCheckFile(String text) throws IOException {
    Path checks = Files.createDirectories(dir.resolve(CHECKS_DIR));
    Path file = checks.resolve("Check_" + UUID.randomUUID().toString().replace("-", "") + ".lean");
    Files.writeString(file, text);
    return file;
  }

  /**
   * Deletes check files left behind by a process that died mid-check, and returns how many. Only
   * files older than {@code olderThan} go: another process may be checking in this workspace now.
   */
  public int sweepCheckFiles(Duration olderThan) {
    Path checks = dir.resolve(CHECKS_DIR);
    if (!Files.isDirectory(checks)) {
      return 0;
    }
    FileTime cutoff = FileTime.from(Instant.now().minus(olderThan));
    int deleted = 0;
    try (Stream<Path> files = Files.list(checks)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (name.startsWith("Check_") && name.endsWith(".lean")
            && Files.getLastModifiedTime(file).compareTo(cutoff) < 0 && Files.deleteIfExists(file)) {
          deleted++;
        }
      }
    } catch (IOException e) {
      // A leftover that cannot be listed or deleted costs disk only; checks still work.
    }
    return deleted;
  }
}
