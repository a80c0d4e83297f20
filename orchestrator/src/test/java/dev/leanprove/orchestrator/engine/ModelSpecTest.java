package dev.leanprove.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

final class ModelSpecTest {

  @Test
  void seedCard_listsTheThreeXinferenceSpecs() {
    assertThat(ModelSpec.seedCard()).extracting(ModelSpec::hubModelId).containsExactly(
        "deepseek-ai/DeepSeek-Prover-V2-7B", "mlx-community/DeepSeek-Prover-V2-7B-4bit",
        "deepseek-ai/DeepSeek-Prover-V2-671B");
    assertThat(ModelSpec.seedCard()).extracting(ModelSpec::family).containsOnly("deepseek-prover-v2");
  }

  @Test
  void seedCard_contextLengths_areThe7bsAndTheFamilys() {
    assertThat(ModelSpec.PROVER_V2_7B.contextLength()).isEqualTo(32768);
    assertThat(ModelSpec.PROVER_V2_7B_MLX_4BIT.contextLength()).isEqualTo(32768);
    assertThat(ModelSpec.PROVER_V2_671B.contextLength()).isEqualTo(163840);
  }

  @Test
  void seedCard_backends_matchXinferenceEngines() {
    assertThat(ModelSpec.PROVER_V2_7B.backends())
        .isEqualTo(Set.of(ModelSpec.Backend.VLLM, ModelSpec.Backend.TRANSFORMERS, ModelSpec.Backend.SGLANG));
    assertThat(ModelSpec.PROVER_V2_7B_MLX_4BIT.backends()).containsExactly(ModelSpec.Backend.MLX);
    assertThat(ModelSpec.PROVER_V2_7B_MLX_4BIT.quantization()).isEqualTo("4bit");
  }

  @Test
  void xinferenceLaunchCommand_7bOnVllm_isTheDocumentedCommand() {
    assertThat(ModelSpec.PROVER_V2_7B.xinferenceLaunchCommand(ModelSpec.Backend.VLLM)).isEqualTo(
        "xinference launch --model-name deepseek-prover-v2 --model-engine vLLM --size-in-billions 7"
            + " --model-format pytorch --quantization none");
  }

  @Test
  void xinferenceLaunchCommand_mlx_usesMlxEngineAndFourBit() {
    assertThat(ModelSpec.PROVER_V2_7B_MLX_4BIT.xinferenceLaunchCommand(ModelSpec.Backend.MLX)).isEqualTo(
        "xinference launch --model-name deepseek-prover-v2 --model-engine MLX --size-in-billions 7"
            + " --model-format mlx --quantization 4bit");
  }

  @Test
  void xinferenceLaunchCommand_unsupportedBackend_isRefused() {
    assertThatThrownBy(() -> ModelSpec.PROVER_V2_671B.xinferenceLaunchCommand(ModelSpec.Backend.MLX))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not run on MLX");
  }

  @Test
  void vllmServeCommand_7b_servesTheHubIdWithItsContext() {
    assertThat(ModelSpec.PROVER_V2_7B.vllmServeCommand(8000))
        .isEqualTo("vllm serve deepseek-ai/DeepSeek-Prover-V2-7B --max-model-len 32768 --port 8000");
  }

  @Test
  void vllmServeCommand_mlxBuild_isRefused() {
    assertThatThrownBy(() -> ModelSpec.PROVER_V2_7B_MLX_4BIT.vllmServeCommand(8000))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vLLM");
  }

  @Test
  void find_sizeAndFormat_picksTheSpec() {
    assertThat(ModelSpec.find(7, ModelSpec.Format.MLX)).hasValue(ModelSpec.PROVER_V2_7B_MLX_4BIT);
    assertThat(ModelSpec.find(671, ModelSpec.Format.PYTORCH)).hasValue(ModelSpec.PROVER_V2_671B);
    assertThat(ModelSpec.find(671, ModelSpec.Format.MLX)).isEmpty();
  }

  @Test
  void forModelId_anyCase_findsTheSpec() {
    assertThat(ModelSpec.forModelId("DEEPSEEK-AI/deepseek-prover-v2-7b")).hasValue(ModelSpec.PROVER_V2_7B);
    assertThat(ModelSpec.forModelId("someone/other-model")).isEmpty();
  }

  @Test
  void backendFromName_xinferenceSpelling_isRead() {
    assertThat(ModelSpec.Backend.fromName("sglang")).isEqualTo(ModelSpec.Backend.SGLANG);
    assertThatThrownBy(() -> ModelSpec.Backend.fromName("llama.cpp")).hasMessageContaining("llama.cpp");
  }
}
