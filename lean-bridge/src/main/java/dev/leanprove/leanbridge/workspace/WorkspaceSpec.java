package dev.leanprove.leanbridge.workspace;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which Lean and Mathlib a workspace pins; configuration, not constants (DESIGN §4).
 *
 * @param leanToolchain an elan toolchain id, e.g. {@code leanprover/lean4:v4.24.0}
 * @param mathlibRev a git rev of mathlib4, e.g. {@code v4.24.0}
 */
public record WorkspaceSpec(String leanToolchain, String mathlibRev) {

  // Declared before DEFAULT: the constructor that builds DEFAULT reads it.
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._/:+-]+");

  /** The versions miniF2F-lean4 pins. */
  public static final WorkspaceSpec DEFAULT = new WorkspaceSpec("leanprover/lean4:v4.24.0", "v4.24.0");

  public WorkspaceSpec {
    Objects.requireNonNull(leanToolchain, "leanToolchain");
    Objects.requireNonNull(mathlibRev, "mathlibRev");
    // Both values are written into files Lake and elan read: refuse anything that could break out of them.
    if (!SAFE.matcher(leanToolchain).matches()) {
      throw new IllegalArgumentException("lean toolchain is not a toolchain id: " + leanToolchain);
    }
    if (!SAFE.matcher(mathlibRev).matches()) {
      throw new IllegalArgumentException("mathlib rev is not a git rev: " + mathlibRev);
    }
  }

  /** The leanprover-community/repl tag for this toolchain: the toolchain's version, e.g. {@code v4.24.0}. */
  public String replRev() {
    int colon = leanToolchain.lastIndexOf(':');
    return colon >= 0 ? leanToolchain.substring(colon + 1) : leanToolchain;
  }

  /** Accepts a bare version ({@code v4.9.0}, {@code 4.9.0}) as well as a full toolchain id. */
  public static WorkspaceSpec of(String lean, String mathlibRev) {
    String toolchain = lean.contains(":") ? lean : "leanprover/lean4:" + (lean.startsWith("v") ? lean : "v" + lean);
    return new WorkspaceSpec(toolchain, mathlibRev);
  }
}
