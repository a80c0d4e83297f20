package dev.leanprove.leanbridge.toolchain;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An installed Lean toolchain as found on this machine.
 *
 * @param lake the {@code lake} executable every check runs through
 * @param lakeVersion what {@code lake --version} printed, first line
 * @param leanVersion the Lean version number ({@code 4.24.0}, {@code 4.9.0-rc1}), from {@code lake --version}
 *     or {@code lean --version}
 */
public record Toolchain(Path lake, String lakeVersion, LeanVersion leanVersion) {

  public Toolchain {
    Objects.requireNonNull(lake, "lake");
    Objects.requireNonNull(lakeVersion, "lakeVersion");
    Objects.requireNonNull(leanVersion, "leanVersion");
  }
}
