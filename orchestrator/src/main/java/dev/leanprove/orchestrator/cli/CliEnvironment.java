package dev.leanprove.orchestrator.cli;

import java.util.Map;

/**
 * What the commands read from the outside world besides their arguments: the environment
 * variables. Tests pass their own, so the stand-in toolchain is found without touching the JVM's.
 */
public record CliEnvironment(Map<String, String> variables) {

  public CliEnvironment {
    variables = Map.copyOf(variables);
  }

  public static CliEnvironment system() {
    return new CliEnvironment(System.getenv());
  }

  public String get(String name) {
    return variables.get(name);
  }
}
