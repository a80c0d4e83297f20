package dev.leanprove.leanbridge.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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

  /** Writes text to a fresh uniquely named {@code .lean} file for one check. */
  public Path writeCheckFile(String text) throws IOException {
    Path checks = Files.createDirectories(dir.resolve(CHECKS_DIR));
    Path file = checks.resolve("Check_" + UUID.randomUUID().toString().replace("-", "") + ".lean");
    Files.writeString(file, text);
    return file;
  }
}
