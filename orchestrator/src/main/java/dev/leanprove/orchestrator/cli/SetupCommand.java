package dev.leanprove.orchestrator.cli;

import dev.leanprove.leanbridge.process.LeanRunner;
import dev.leanprove.leanbridge.toolchain.Toolchain;
import dev.leanprove.leanbridge.workspace.SetupException;
import dev.leanprove.leanbridge.workspace.SetupProcedure;
import dev.leanprove.leanbridge.workspace.WorkspaceLayout;
import dev.leanprove.leanbridge.workspace.WorkspaceSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code leanprove setup}: installs what checking needs, once. */
@Command(name = "setup", mixinStandardHelpOptions = true,
    description = {"Lays out the Lean workspace, fetches Mathlib's cache and builds it.",
        "Installs elan and the pinned Lean toolchain only with --install-elan."})
final class SetupCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--workspace", paramLabel = "DIR",
      description = "Where to lay out the workspace (default: $LEANPROVE_WORKSPACE, else ~/.local/share/leanprove/workspace).")
  Path workspace;

  @Option(names = "--lean", paramLabel = "VERSION", defaultValue = "v4.24.0",
      description = "Lean toolchain to pin, e.g. v4.24.0 or leanprover/lean4:v4.9.0 (default: ${DEFAULT-VALUE}).")
  String lean;

  @Option(names = "--mathlib", paramLabel = "REV", defaultValue = "v4.24.0",
      description = "Mathlib git rev to pin; must match the Lean version (default: ${DEFAULT-VALUE}).")
  String mathlib;

  @Option(names = "--install-elan",
      description = "Allow setup to download and run elan's installer when no lake is found.")
  boolean installElan;

  private final CliEnvironment env;

  SetupCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    WorkspaceSpec workspaceSpec;
    try {
      workspaceSpec = WorkspaceSpec.of(lean, mathlib);
    } catch (IllegalArgumentException e) {
      throw new ExitException(ExitCodes.USAGE, e.getMessage());
    }
    Path dir = workspace != null ? workspace : WorkspaceLayout.defaultDir(env.variables());
    PrintWriter out = spec.commandLine().getOut();
    try (LeanRunner runner = new LeanRunner(1, LeanRunner.DEFAULT_OUTPUT_CAP_BYTES)) {
      Toolchain toolchain = new SetupProcedure(env.variables(), runner, out::println).run(dir, workspaceSpec, installElan);
      out.println("Ready: Lean " + toolchain.leanVersion() + ". Try: leanprove check FILE.lean");
      return ExitCodes.OK;
    } catch (SetupException e) {
      throw new ExitException(ExitCodes.ENVIRONMENT, e.getMessage());
    }
  }
}
