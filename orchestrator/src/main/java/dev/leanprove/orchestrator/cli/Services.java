package dev.leanprove.orchestrator.cli;

import dev.leanprove.leanbridge.LeanBridge;
import dev.leanprove.orchestrator.engine.EngineConfig;
import dev.leanprove.orchestrator.engine.EngineException;
import dev.leanprove.orchestrator.engine.EngineFactory;
import dev.leanprove.orchestrator.engine.EngineRegistry;
import dev.leanprove.orchestrator.engine.EngineType;
import dev.leanprove.orchestrator.engine.ModelSpec;
import dev.leanprove.orchestrator.prompt.PromptLibrary;
import dev.leanprove.orchestrator.search.Budget;
import dev.leanprove.orchestrator.search.CandidateChecker;
import dev.leanprove.orchestrator.search.FileProver;
import dev.leanprove.orchestrator.search.SearchSettings;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;

/** The wired application for one CLI command: Lean, Vert.x, engines and the prover; closed together. */
final class Services implements AutoCloseable {

  /** Xinference downloads and loads weights on first launch; a 7B model takes minutes. */
  static final Duration LAUNCH_TIMEOUT = Duration.ofMinutes(30);

  final LeanBridge bridge;
  final Vertx vertx;
  final EngineFactory factory;
  final EngineRegistry engines;
  final FileProver prover;
  private final CandidateChecker checker;
  private final PromptLibrary prompts = PromptLibrary.packaged();
  private final Budget budgetLimit;
  private final int maxSourceChars;

  private Services(LeanBridge bridge, Vertx vertx, EngineFactory factory, EngineRegistry engines, CandidateChecker checker,
      Budget budgetLimit, int maxSourceChars, SearchSettings settings) {
    this.bridge = bridge;
    this.vertx = vertx;
    this.factory = factory;
    this.engines = engines;
    this.checker = checker;
    this.budgetLimit = budgetLimit;
    this.maxSourceChars = maxSourceChars;
    this.prover = proverWith(settings);
  }

  /** A prover with other search settings over the same verifier, candidate cache and engines (batch calls vary the seed). */
  FileProver proverWith(SearchSettings settings) {
    return new FileProver(bridge.verifier(), checker, prompts, engines, settings, budgetLimit, maxSourceChars);
  }

  /** Starts everything; ends the command with exit code 3 when Lean or the model server is missing. */
  static Services start(CliEnvironment env, LeanOptions lean, EngineOptions engineOptions, Budget budgetLimit) {
    LeanBridge bridge = lean.startBridge(env);
    Vertx vertx = Vertx.vertx();
    try {
      EngineFactory factory = new EngineFactory(vertx);
      Optional<EngineConfig> model = engineOptions.modelEngine(env).map(c -> launchIfNeeded(factory, c, engineOptions));
      Optional<EngineConfig> planner = engineOptions.plannerEngine(env).map(c -> launchIfNeeded(factory, c, engineOptions));
      EngineRegistry engines = EngineRegistry.of(factory, model, planner);
      CandidateChecker checker = new CandidateChecker(bridge.verifier(), CandidateChecker.DEFAULT_CACHE_SIZE);
      return new Services(bridge, vertx, factory, engines, checker, budgetLimit, lean.maxFileBytes(), engineOptions.settings());
    } catch (RuntimeException e) {
      vertx.close();
      bridge.close();
      throw e;
    }
  }

  private static EngineConfig launchIfNeeded(EngineFactory factory, EngineConfig config, EngineOptions options) {
    if (config.type() != EngineType.XINFERENCE || !config.model().isBlank()) {
      return config;
    }
    ModelSpec spec = options.launchSpec();
    try {
      String uid = factory.xinference(config).launch(spec, ModelSpec.Backend.VLLM, LAUNCH_TIMEOUT).await();
      return config.withModel(uid);
    } catch (EngineException e) {
      throw new ExitException(ExitCodes.ENVIRONMENT, "could not launch " + spec.hubModelId() + " on Xinference at "
          + config.endpoint().map(Object::toString).orElse("?") + ": " + e.getMessage());
    }
  }

  @Override
  public void close() {
    try {
      factory.close().await();
    } catch (RuntimeException e) {
      // Closing HTTP clients cannot lose results; the process is ending anyway.
    }
    vertx.close().await();
    bridge.close();
  }
}
