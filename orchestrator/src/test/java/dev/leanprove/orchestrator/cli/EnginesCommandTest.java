package dev.leanprove.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

final class EnginesCommandTest {

  @Test
  void engines_noEndpoint_saysPortfolioAndListsLaunchCommands() {
    CliRun run = CliRun.of(Map.of());

    CliRun engines = CliRun.of(Map.of(), "engines");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(engines.exitCode()).isZero();
    assertThat(engines.out())
        .contains("portfolio (no model endpoint configured")
        .contains("deepseek-ai/DeepSeek-Prover-V2-7B")
        .contains("deepseek-ai/DeepSeek-Prover-V2-671B")
        .contains("xinference launch --model-name deepseek-prover-v2")
        .contains("vllm serve deepseek-ai/DeepSeek-Prover-V2-7B");
  }

  @Test
  void engines_endpointFromEnvironment_isShown() {
    CliRun run = CliRun.of(Map.of("LEANPROVE_ENDPOINT", "http://127.0.0.1:8000", "LEANPROVE_MODEL", "deepseek-ai/DeepSeek-Prover-V2-7B"),
        "engines", "--size", "7");

    assertThat(run.out()).contains("openai at http://127.0.0.1:8000 model deepseek-ai/DeepSeek-Prover-V2-7B").doesNotContain("671B");
  }
}
