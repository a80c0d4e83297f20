package dev.leanprove.orchestrator.cli;

import dev.leanprove.orchestrator.engine.ApiMode;
import dev.leanprove.orchestrator.engine.EngineConfig;
import dev.leanprove.orchestrator.engine.EngineType;
import dev.leanprove.orchestrator.engine.ModelSpec;
import dev.leanprove.orchestrator.search.Budget;
import dev.leanprove.orchestrator.search.PromptStyle;
import dev.leanprove.orchestrator.search.SearchSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import picocli.CommandLine.Option;

/** Which model to ask and how much to spend: shared by {@code prove}, {@code serve} and {@code batch}. */
final class EngineOptions {

  @Option(names = "--engine", paramLabel = "NAME",
      description = "openai (vLLM, SGLang), xinference, ollama or portfolio (no model). "
          + "Default: $LEANPROVE_ENGINE, else openai when an endpoint is given, else portfolio.")
  String engine;

  @Option(names = "--endpoint", paramLabel = "URL",
      description = "Model server base URL, e.g. http://127.0.0.1:8000 (default: $LEANPROVE_ENDPOINT); "
          + "several, comma-separated, serve the same model and are balanced by health.")
  String endpoint;

  @Option(names = "--model", paramLabel = "ID",
      description = "Model id (openai: served model, default the server's first; xinference: model uid, "
          + "default: launch deepseek-prover-v2 7B; ollama: model tag). Default: $LEANPROVE_MODEL.")
  String model;

  @Option(names = "--api-key", paramLabel = "KEY", description = "Bearer key for the model server (default: $LEANPROVE_API_KEY).")
  String apiKey;

  @Option(names = "--mode", paramLabel = "MODE",
      description = "completions (our DeepSeek chat template) or chat (the server's template).")
  String mode;

  @Option(names = "--planner-endpoint", paramLabel = "URL",
      description = "A separate model server for sketches (subgoal decomposition), e.g. a larger model; "
          + "default: the prover above plans too.")
  String plannerEndpoint;

  @Option(names = "--planner-engine", paramLabel = "NAME", description = "The planner's engine type (default: openai).")
  String plannerEngine;

  @Option(names = "--planner-model", paramLabel = "ID", description = "The planner's model id.")
  String plannerModel;

  @Option(names = "--samples", paramLabel = "K", defaultValue = "8",
      description = "Model samples per theorem (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--samples-per-round", paramLabel = "N", defaultValue = "4",
      description = "Samples asked for in one request (default: ${DEFAULT-VALUE}).")
  int samplesPerRound;

  @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "16384",
      description = "Completion tokens per sample (default: ${DEFAULT-VALUE}; DeepSeek uses 16K-32K for CoT).")
  int maxTokens;

  @Option(names = "--token-budget", paramLabel = "N", defaultValue = "400000",
      description = "Completion tokens per theorem in total (default: ${DEFAULT-VALUE}).")
  long tokenBudget;

  @Option(names = "--time-budget", paramLabel = "SECONDS", defaultValue = "600",
      description = "Wall time per theorem, verification included (default: ${DEFAULT-VALUE}).")
  long timeBudgetSeconds;

  @Option(names = "--prompt", paramLabel = "STYLE", defaultValue = "cot",
      description = "cot (DeepSeek-Prover-V2 chain of thought), noncot (short) or raw (V1.5 completion); default ${DEFAULT-VALUE}.")
  String prompt;

  @Option(names = "--no-cot", description = "Same as --prompt noncot.")
  boolean noCot;

  @Option(names = "--repair-rounds", paramLabel = "N", defaultValue = "2",
      description = "Rounds of Lean-error feedback for failed candidates (default: ${DEFAULT-VALUE}; 0 turns repair off).")
  int repairRounds;

  @Option(names = "--max-depth", paramLabel = "N", defaultValue = "2",
      description = "How deep failed subgoals are decomposed again (default: ${DEFAULT-VALUE}; 0 turns decomposition off).")
  int maxDepth;

  @Option(names = "--no-portfolio", description = "Skip the model-free tactic portfolio before the model.")
  boolean noPortfolio;

  @Option(names = "--portfolio-timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "Lean's time limit for the portfolio's one run (default: ${DEFAULT-VALUE}); proofs get --timeout.")
  long portfolioTimeoutSeconds;

  @Option(names = "--seed", paramLabel = "N", description = "Fixed sampling seed, for reproducible runs.")
  Long seed;

  @Option(names = "--completion-cache", paramLabel = "MB", defaultValue = "64",
      description = "Memory for model answers to seeded requests, in MB: the same prompt with the same seed is not "
          + "asked again (default: ${DEFAULT-VALUE}; 0 = none).")
  long completionCacheMb;

  long completionCacheBytes() {
    if (completionCacheMb < 0 || completionCacheMb > LeanOptions.MAX_CACHE_MB) {
      throw new ExitException(ExitCodes.USAGE, "--completion-cache must be between 0 and " + LeanOptions.MAX_CACHE_MB
          + " MB: " + completionCacheMb);
    }
    return completionCacheMb << 20;
  }

  /** The endpoints given (comma-separated), in order; empty when none is. */
  private List<String> endpointList(CliEnvironment env) {
    String text = firstNonBlank(endpoint, env.get("LEANPROVE_ENDPOINT"));
    return text == null ? List.of()
        : Arrays.stream(text.split(",")).map(String::strip).filter(e -> !e.isEmpty()).toList();
  }

  /** Endpoints after the first: more servers of the same model, balanced by health. */
  List<URI> moreEndpoints(CliEnvironment env) {
    List<String> all = endpointList(env);
    List<URI> more = new ArrayList<>();
    for (String e : all.subList(Math.min(1, all.size()), all.size())) {
      try {
        more.add(URI.create(e));
      } catch (IllegalArgumentException ex) {
        throw new ExitException(ExitCodes.USAGE, "--endpoint is not a URL: " + e);
      }
    }
    return more;
  }

  /** The model engine to configure, or empty for none (portfolio only). */
  Optional<EngineConfig> modelEngine(CliEnvironment env) {
    String endpointText = endpointList(env).stream().findFirst().orElse(null);
    String engineName = firstNonBlank(engine, env.get("LEANPROVE_ENGINE"));
    EngineType type;
    try {
      type = engineName != null ? EngineType.fromName(engineName) : endpointText != null ? EngineType.OPENAI : EngineType.PORTFOLIO;
    } catch (IllegalArgumentException e) {
      throw new ExitException(ExitCodes.USAGE, "--engine: " + e.getMessage());
    }
    if (type == EngineType.PORTFOLIO) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = endpointText != null ? URI.create(endpointText) : type.defaultEndpoint();
    } catch (IllegalArgumentException e) {
      throw new ExitException(ExitCodes.USAGE, "--endpoint is not a URL: " + endpointText);
    }
    String modelId = firstNonBlank(model, env.get("LEANPROVE_MODEL"));
    try {
      EngineConfig config = EngineConfig.of(type, uri, modelId == null ? "" : modelId);
      String key = firstNonBlank(apiKey, env.get("LEANPROVE_API_KEY"));
      if (key != null) {
        config = config.withApiKey(key);
      }
      if (mode != null) {
        config = config.withMode(ApiMode.valueOf(mode.trim().toUpperCase(Locale.ROOT)));
      }
      return Optional.of(config);
    } catch (IllegalArgumentException e) {
      throw new ExitException(ExitCodes.USAGE, "engine options: " + e.getMessage());
    }
  }

  /** The separate planner model, when one is configured; its API key is the prover's. */
  Optional<EngineConfig> plannerEngine(CliEnvironment env) {
    if (plannerEndpoint == null || plannerEndpoint.isBlank()) {
      return Optional.empty();
    }
    EngineType type;
    try {
      type = plannerEngine == null ? EngineType.OPENAI : EngineType.fromName(plannerEngine);
    } catch (IllegalArgumentException e) {
      throw new ExitException(ExitCodes.USAGE, "--planner-engine: " + e.getMessage());
    }
    if (type == EngineType.PORTFOLIO) {
      throw new ExitException(ExitCodes.USAGE, "--planner-engine portfolio cannot write sketches; name a model server");
    }
    try {
      EngineConfig config = EngineConfig.of(type, URI.create(plannerEndpoint), plannerModel == null ? "" : plannerModel);
      String key = firstNonBlank(apiKey, env.get("LEANPROVE_API_KEY"));
      return Optional.of(key == null ? config : config.withApiKey(key));
    } catch (IllegalArgumentException e) {
      throw new ExitException(ExitCodes.USAGE, "planner options: " + e.getMessage());
    }
  }

  /** What to launch on Xinference when no model uid is given. */
  ModelSpec launchSpec() {
    return ModelSpec.PROVER_V2_7B;
  }

  Budget budget() {
    try {
      return new Budget(samples, tokenBudget, Duration.ofSeconds(timeBudgetSeconds));
    } catch (IllegalArgumentException e) {
      throw new ExitException(ExitCodes.USAGE, e.getMessage());
    }
  }

  SearchSettings settings() {
    try {
      PromptStyle style = noCot ? PromptStyle.NONCOT : PromptStyle.fromName(prompt);
      return new SearchSettings(samplesPerRound, maxTokens, SearchSettings.DEFAULT.temperature(), SearchSettings.DEFAULT.topP(),
          style, seed == null ? OptionalLong.empty() : OptionalLong.of(seed), !noPortfolio,
          Duration.ofSeconds(portfolioTimeoutSeconds), repairRounds, SearchSettings.DEFAULT.repairsPerCandidate(), maxDepth);
    } catch (IllegalArgumentException e) {
      throw new ExitException(ExitCodes.USAGE, e.getMessage());
    }
  }

  private static String firstNonBlank(String a, String b) {
    if (a != null && !a.isBlank()) {
      return a;
    }
    return b != null && !b.isBlank() ? b : null;
  }
}
