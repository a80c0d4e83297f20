package dev.leanprove.leanbridge.workspace;

import dev.leanprove.leanbridge.source.TextDigest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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

  /**
   * The leanprover-community/repl binary {@code lake build repl} left here, if it did: Lake puts a
   * dependency under {@code .lake/packages/NAME} with NAME as the lakefile's {@code require} spells it.
   */
  public Optional<Path> replBinary() {
    for (String name : List.of("REPL", "repl")) {
      Path binary = dir.resolve(".lake/packages").resolve(name).resolve(".lake/build/bin/repl");
      if (Files.isRegularFile(binary) && Files.isExecutable(binary)) {
        return Optional.of(binary);
      }
    }
    return Optional.empty();
  }

  public boolean isLaidOut() {
    return Files.isRegularFile(dir.resolve("lakefile.toml")) && Files.isRegularFile(dir.resolve("lean-toolchain"));
  }

  /**
   * A digest of what fixes the workspace's Lean environment: the toolchain pin, the lakefile and
   * Lake's manifest (the exact revision of Mathlib and every other package). A file that is absent
   * counts as absent, so an unset-up workspace still has a revision.
   */
  public String revision() {
    TextDigest digest = TextDigest.sha256();
    for (String name : List.of("lean-toolchain", "lakefile.toml", "lake-manifest.json")) {
      digest.add(name);
      try {
        digest.add(Files.readString(dir.resolve(name)));
      } catch (IOException | UncheckedIOException e) {
        digest.add(-1);
      }
    }
    return digest.hex();
  }

  /** Where {@code lake build leanprove-checker} puts the kernel-replay checker. */
  public Path checker() {
    return dir.resolve(".lake").resolve("build").resolve("bin").resolve(SetupProcedure.CHECKER_TARGET);
  }

  /** Whether the kernel-replay checker is built here. */
  public boolean hasChecker() {
    return Files.isExecutable(checker());
  }

  /** The folder that holds every run's scratch directory and the compiled challenges. */
  public Path checksDir() {
    return dir.resolve(CHECKS_DIR);
  }

  /**
   * Writes text to a uniquely named {@code .lean} file in a fresh scratch directory of its own (the
   * file's parent), which the run may write and the caller removes with {@link #deleteScratch}.
   */
  public Path writeCheckFile(String text) throws IOException {
    return writeCheckFile(newScratchDir(), text);
  }

  /** Writes text to the check file of a scratch directory made by {@link #newScratchDir}. */
  public Path writeCheckFile(Path scratch, String text) throws IOException {
    Path file = scratch.resolve("Check_" + scratch.getFileName() + ".lean");
    Files.writeString(file, text);
    return file;
  }

  /**
   * Deletes scratch directories (and loose check files) left behind by a process that died
   * mid-check, and returns how many. Only those older than {@code olderThan} go: another process may
   * be checking in this workspace now. Compiled challenges are a cache and stay.
   */
  public int sweepCheckFiles(Duration olderThan) {
    Path checks = dir.resolve(CHECKS_DIR);
    if (!Files.isDirectory(checks)) {
      return 0;
    }
    FileTime cutoff = FileTime.from(Instant.now().minus(olderThan));
    int deleted = 0;
    try (Stream<Path> entries = Files.list(checks)) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        String name = entry.getFileName().toString();
        boolean scratch = Files.isDirectory(entry) && name.matches("[0-9a-f]{32}");
        boolean looseFile = name.startsWith("Check_") && name.endsWith(".lean");
        if ((scratch || looseFile) && Files.getLastModifiedTime(entry).compareTo(cutoff) < 0) {
          deleteScratch(entry);
          deleted++;
        }
      }
    } catch (IOException e) {
      // A leftover that cannot be listed or deleted costs disk only; checks still work.
    }
    return deleted;
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
