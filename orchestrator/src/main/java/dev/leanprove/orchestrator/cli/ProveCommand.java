package dev.leanprove.orchestrator.cli;

import dev.leanprove.orchestrator.api.ReportJson;
import dev.leanprove.orchestrator.search.Budget;
import dev.leanprove.orchestrator.search.NoTargetException;
import dev.leanprove.orchestrator.search.ProveRequest;
import dev.leanprove.orchestrator.search.ProveResult;
import dev.leanprove.orchestrator.search.TheoremResult;
import io.vertx.core.Context;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code leanprove prove FILE}: proves the file's sorry theorems and writes the verified result. */
@Command(name = "prove", mixinStandardHelpOptions = true,
    description = {"Proves the file's sorry theorems (or --theorem NAME) with a model or the tactic portfolio.",
        "Every proof is checked by Lean with the original statement.",
        "Exit codes: 0 all proved, 1 some not proved, 2 bad input, 3 no toolchain or model server."})
final class ProveCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The .lean file with sorry theorems.")
  Path file;

  @Option(names = "--theorem", paramLabel = "NAME", description = "Prove only this theorem.")
  String theorem;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the final Lean file (proofs in place) here.")
  Path out;

  @Option(names = "--json", description = "Print the result, with every attempt, as JSON.")
  boolean json;

  @Mixin
  LeanOptions lean;

  @Mixin
  EngineOptions engine;

  private final CliEnvironment env;

  ProveCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    String code = SourceFile.read(file, lean.maxFileBytes());
    Budget budget = engine.budget();
    ProveResult result;
    try (Services services = Services.start(env, lean, engine, budget)) {
      ProveRequest request = new ProveRequest(code, Optional.ofNullable(theorem), "", budget);
      Context context = services.vertx.getOrCreateContext();
      result = services.prover.submit(request, context, event -> {}).await();
    } catch (NoTargetException | IllegalArgumentException e) {
      throw new ExitException(ExitCodes.USAGE, e.getMessage());
    }
    if (out != null) {
      try {
        Files.writeString(out, result.code());
      } catch (IOException e) {
        throw new ExitException(ExitCodes.ENVIRONMENT, "cannot write " + out + ": " + e.getMessage());
      }
    }
    PrintWriter w = spec.commandLine().getOut();
    if (json) {
      w.println(ReportJson.proveResult(result).encodePrettily());
    } else {
      printHuman(w, result);
    }
    if (!result.proved() && result.theorems().stream().anyMatch(TheoremResult::modelUnreachable)) {
      spec.commandLine().getErr().println("leanprove: the model server could not be used: "
          + result.theorems().stream().filter(TheoremResult::modelUnreachable).findFirst().map(TheoremResult::detail).orElse(""));
      return ExitCodes.ENVIRONMENT;
    }
    return result.proved() ? ExitCodes.OK : ExitCodes.NOT_ALL_PROVED;
  }

  private void printHuman(PrintWriter w, ProveResult result) {
    for (TheoremResult t : result.theorems()) {
      w.printf("%s %s  %s  (%d attempts, %d samples, %d tokens, %.1f s)%n", t.proved() ? "✓" : "✗", t.name(), t.status(),
          t.attempts().size(), t.samples(), t.tokens(), t.wallMillis() / 1000.0);
      w.println("    " + t.detail());
      new AttemptTree(w).print(t, "    ");
      t.proof().ifPresent(p -> w.println("    := " + p.strip().replace("\n", "\n       ")));
    }
    long proved = result.theorems().stream().filter(TheoremResult::proved).count();
    w.printf("%d of %d proved (%s)%s%n", proved, result.theorems().size(), result.status(),
        out != null ? "; final file written to " + out : "");
  }
}
