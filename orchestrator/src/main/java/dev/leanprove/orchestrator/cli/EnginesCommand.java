package dev.leanprove.orchestrator.cli;

import dev.leanprove.orchestrator.engine.EngineConfig;
import dev.leanprove.orchestrator.engine.ModelSpec;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code leanprove engines}: the model specs we know, the configured endpoint, and how to serve a model. */
@Command(name = "engines", mixinStandardHelpOptions = true,
    description = "Lists DeepSeek-Prover-V2 model specs and the configured engine, with the command that serves each spec.")
final class EnginesCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--size", paramLabel = "B", description = "Only the spec of this size in billions (7 or 671).")
  Integer size;

  @Mixin
  EngineOptions engine;

  private final CliEnvironment env;

  EnginesCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Optional<EngineConfig> model = engine.modelEngine(env);
    out.println("Configured engine: " + model.map(c -> c.type().configName() + " at "
        + c.endpoint().map(Object::toString).orElse("?") + (c.model().isEmpty() ? "" : " model " + c.model()))
        .orElse("portfolio (no model endpoint configured; set --endpoint or LEANPROVE_ENDPOINT)"));
    out.println();
    out.println("Model specs (deepseek-prover-v2):");
    for (ModelSpec s : ModelSpec.seedCard()) {
      if (size != null && s.sizeInBillions() != size) {
        continue;
      }
      out.printf("  %dB %s%s  %s  context %d%n", s.sizeInBillions(), s.format().wireName(),
          s.quantization().equals("none") ? "" : " " + s.quantization(), s.hubModelId(), s.contextLength());
      for (ModelSpec.Backend b : s.backends().stream().sorted().toList()) {
        out.println("    xinference: " + s.xinferenceLaunchCommand(b));
      }
      if (s.backends().contains(ModelSpec.Backend.VLLM)) {
        out.println("    vllm:       " + s.vllmServeCommand(8000));
      }
    }
    return ExitCodes.OK;
  }
}
