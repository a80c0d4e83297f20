package dev.leanprove.orchestrator.engine;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One way to run a DeepSeek-Prover-V2 model, as the seed card and Xinference's model family list
 * it (family {@code deepseek-prover-v2}, context 163840): the 7B and 671B in pytorch format with no
 * quantization, served by vLLM, Transformers or SGLang, and the 7B as an MLX 4-bit conversion.
 *
 * @param quantization Xinference's spelling: {@code none}, or {@code 4bit} for the MLX build
 * @param contextLength tokens of prompt plus completion this model accepts: the family's 163840,
 *     except the 7B, which DeepSeek published with a 32K context
 */
public record ModelSpec(
    String family,
    int sizeInBillions,
    Format format,
    String quantization,
    Set<Backend> backends,
    String hubModelId,
    int contextLength) {

  /** Xinference's model family name for DeepSeek-Prover-V2. */
  public static final String FAMILY = "deepseek-prover-v2";

  /** The context length Xinference records for the whole family. */
  public static final int FAMILY_CONTEXT_LENGTH = 163840;

  /** The 7B model's context length (DeepSeek's model card: up to 32K tokens). */
  public static final int CONTEXT_LENGTH_7B = 32768;

  public static final ModelSpec PROVER_V2_7B = new ModelSpec(FAMILY, 7, Format.PYTORCH, "none",
      Set.of(Backend.VLLM, Backend.TRANSFORMERS, Backend.SGLANG),
      "deepseek-ai/DeepSeek-Prover-V2-7B", CONTEXT_LENGTH_7B);

  public static final ModelSpec PROVER_V2_671B = new ModelSpec(FAMILY, 671, Format.PYTORCH, "none",
      Set.of(Backend.VLLM, Backend.TRANSFORMERS, Backend.SGLANG),
      "deepseek-ai/DeepSeek-Prover-V2-671B", FAMILY_CONTEXT_LENGTH);

  public static final ModelSpec PROVER_V2_7B_MLX_4BIT = new ModelSpec(FAMILY, 7, Format.MLX, "4bit",
      Set.of(Backend.MLX), "mlx-community/DeepSeek-Prover-V2-7B-4bit", CONTEXT_LENGTH_7B);

  /** A model file format, spelled as Xinference's {@code model_format}. */
  public enum Format {
    PYTORCH("pytorch"),
    MLX("mlx");

    private final String wireName;

    Format(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  /** An inference backend, spelled as Xinference's {@code model_engine}. */
  public enum Backend {
    VLLM("vLLM"),
    TRANSFORMERS("Transformers"),
    SGLANG("SGLang"),
    MLX("MLX");

    private final String wireName;

    Backend(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    /** Looks a backend up by its Xinference name, ignoring case. */
    public static Backend fromName(String name) {
      for (Backend backend : values()) {
        if (backend.wireName.equalsIgnoreCase(name.trim())) {
          return backend;
        }
      }
      throw new IllegalArgumentException("unknown model engine: " + name + " (expected vLLM, Transformers, SGLang or MLX)");
    }
  }

  public ModelSpec {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(quantization, "quantization");
    Objects.requireNonNull(hubModelId, "hubModelId");
    backends = Set.copyOf(backends);
    if (sizeInBillions < 1) {
      throw new IllegalArgumentException("sizeInBillions must be positive: " + sizeInBillions);
    }
    if (contextLength < 1) {
      throw new IllegalArgumentException("contextLength must be positive: " + contextLength);
    }
    if (backends.isEmpty()) {
      throw new IllegalArgumentException("a model spec needs at least one backend");
    }
  }

  /** The seed card's specs, smallest first. */
  public static List<ModelSpec> seedCard() {
    return List.of(PROVER_V2_7B, PROVER_V2_7B_MLX_4BIT, PROVER_V2_671B);
  }

  /** The spec with this size and format, if the seed card has one. */
  public static Optional<ModelSpec> find(int sizeInBillions, Format format) {
    return seedCard().stream()
        .filter(spec -> spec.sizeInBillions == sizeInBillions && spec.format == format)
        .findFirst();
  }

  /** The spec whose hub id is this model id (as a vLLM server names its model), ignoring case. */
  public static Optional<ModelSpec> forModelId(String modelId) {
    String wanted = modelId.trim().toLowerCase(Locale.ROOT);
    return seedCard().stream()
        .filter(spec -> spec.hubModelId.toLowerCase(Locale.ROOT).equals(wanted))
        .findFirst();
  }

  /** The {@code xinference launch} command line that starts this spec on that backend. */
  public String xinferenceLaunchCommand(Backend backend) {
    requireBackend(backend);
    return "xinference launch --model-name " + family
        + " --model-engine " + backend.wireName()
        + " --size-in-billions " + sizeInBillions
        + " --model-format " + format.wireName()
        + " --quantization " + quantization;
  }

  /** The {@code vllm serve} command line for this spec; only pytorch weights run on vLLM. */
  public String vllmServeCommand(int port) {
    requireBackend(Backend.VLLM);
    return "vllm serve " + hubModelId + " --max-model-len " + contextLength + " --port " + port;
  }

  /** The body of Xinference's {@code POST /v1/models} that launches this spec. */
  JsonObject xinferenceLaunchRequest(Backend backend) {
    requireBackend(backend);
    return new JsonObject()
        .put("model_name", family)
        .put("model_type", "LLM")
        .put("model_engine", backend.wireName())
        .put("model_size_in_billions", sizeInBillions)
        .put("model_format", format.wireName())
        .put("quantization", quantization);
  }

  private void requireBackend(Backend backend) {
    if (!backends.contains(backend)) {
      throw new IllegalArgumentException(
          hubModelId + " (" + format.wireName() + ") does not run on " + backend.wireName() + "; it runs on " + backends);
    }
  }
}
