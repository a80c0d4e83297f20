package dev.leanprove.leanbridge.process;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether bubblewrap can sandbox Lean here: the sandbox when it can, else why not.
 *
 * @param problem empty when the sandbox is usable; otherwise what is missing or failing, for a message
 */
public record SandboxAvailability(Optional<Sandbox> sandbox, String problem) {

  public SandboxAvailability {
    Objects.requireNonNull(sandbox, "sandbox");
    Objects.requireNonNull(problem, "problem");
    if (sandbox.isPresent() != problem.isEmpty()) {
      throw new IllegalArgumentException("either a sandbox or a problem: " + sandbox + ", " + problem);
    }
  }

  static SandboxAvailability usable(Sandbox sandbox) {
    return new SandboxAvailability(Optional.of(sandbox), "");
  }

  static SandboxAvailability unusable(String problem) {
    return new SandboxAvailability(Optional.empty(), problem);
  }

  public boolean usable() {
    return sandbox.isPresent();
  }
}
