package dev.leanprove.orchestrator.cli;

import dev.leanprove.leanbridge.LeanBridge;
import dev.leanprove.leanbridge.process.LeanRunner;
import dev.leanprove.leanbridge.verdict.Verifier;
import dev.leanprove.orchestrator.cluster.ClusterConfig;
import dev.leanprove.orchestrator.cluster.ClusterNode;
import dev.leanprove.orchestrator.cluster.ClusterVerifier;
import dev.leanprove.orchestrator.engine.BalancedEngine;
import dev.leanprove.orchestrator.engine.Engine;
import dev.leanprove.orchestrator.engine.EngineConfig;
import dev.leanprove.orchestrator.engine.EngineException;
import dev.leanprove.orchestrator.engine.EngineFactory;
import dev.leanprove.orchestrator.engine.EngineRegistry;
import dev.leanprove.orchestrator.engine.EngineType;
import dev.leanprove.orchestrator.engine.ModelSpec;
import dev.leanprove.orchestrator.engine.SeededCompletionCache;
import dev.leanprove.orchestrator.metrics.MeteredEngine;
import dev.leanprove.orchestrator.metrics.MeteredVerifier;
import dev.leanprove.orchestrator.metrics.Metrics;
import dev.leanprove.orchestrator.prompt.PromptLibrary;
import dev.leanprove.orchestrator.search.Budget;
import dev.leanprove.orchestrator.search.CandidateChecker;
import dev.leanprove.orchestrator.search.FileProver;
import dev.leanprove.orchestrator.search.SearchSettings;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The wired application for one CLI command: Lean, Vert.x, engines and the prover; closed together. */
final class Services implements AutoCloseable {

  /** Xinference downloads and loads weights on first launch; a 7B model takes minutes. */
  static final Duration LAUNCH_TIMEOUT = Duration.ofMinutes(30);

  /** How long a coordinator waits for its first worker before it gives up. */
  static final Duration WORKER_WAIT = Duration.ofSeconds(60);

  /** Local Lean; empty on a cluster coordinator, whose workers run Lean. */
  final Optional<LeanBridge> bridge;
  final Vertx vertx;
  final Metrics metrics;
  final Verifier verifier;
  final String leanVersion;
  final EngineFactory factory;
  final EngineRegistry engines;
  final FileProver prover;
  private final CandidateChecker checker;
  private final Optional<ClusterVerifier> cluster;
  private final PromptLibrary prompts = PromptLibrary.packaged();
  private final Budget budgetLimit;
  private final int maxSourceChars;

  private Services(Optional<LeanBridge> bridge, Vertx vertx, Metrics metrics, Verifier verifier, String leanVersion,
      Optional<ClusterVerifier> cluster, EngineFactory factory, EngineRegistry engines, CandidateChecker checker,
      Budget budgetLimit, int maxSourceChars, SearchSettings settings) {
    this.bridge = bridge;
    this.vertx = vertx;
    this.metrics = metrics;
    this.verifier = verifier;
    this.leanVersion = leanVersion;
    this.cluster = cluster;
    this.factory = factory;
    this.engines = engines;
    this.checker = checker;
    this.budgetLimit = budgetLimit;
    this.maxSourceChars = maxSourceChars;
    this.prover = proverWith(settings);
  }

  /** A prover with other search settings over the same verifier, candidate cache and engines (batch calls vary the seed). */
  FileProver proverWith(SearchSettings settings) {
    return new FileProver(verifier, checker, prompts, engines, settings, budgetLimit, maxSourceChars);
  }

  /** Starts everything; ends the command with exit code 3 when Lean or the model server is missing. */
  static Services start(CliEnvironment env, LeanOptions lean, EngineOptions engineOptions, Budget budgetLimit) {
    return start(env, lean, engineOptions, budgetLimit, Optional.empty());
  }

  /**
   * As {@link #start(CliEnvironment, LeanOptions, EngineOptions, Budget)}; with a cluster, this node
   * is a coordinator: it joins, waits for a worker, and sends every check to the workers.
   */
  static Services start(CliEnvironment env, LeanOptions lean, EngineOptions engineOptions, Budget budgetLimit,
      Optional<ClusterConfig> clusterConfig) {
    long verdictCacheBytes = lean.verdictCacheBytes();
    SeededCompletionCache completions = new SeededCompletionCache(engineOptions.completionCacheBytes());
    Metrics metrics = new Metrics(clusterConfig.map(c -> "coordinator-" + c.host() + ":" + c.port()).orElse("local"));
    Optional<LeanBridge> bridge = clusterConfig.isPresent() ? Optional.empty() : Optional.of(lean.startBridge(env));
    Vertx vertx = clusterConfig.isPresent()
        ? joinCluster(clusterConfig.get(), metrics)
        : metrics.vertxBuilder(new VertxOptions()).build();
    try {
      Optional<ClusterVerifier> cluster = Optional.empty();
      Verifier verifier;
      String leanVersion;
      if (bridge.isPresent()) {
        verifier = new MeteredVerifier(bridge.get().verifier(), metrics);
        leanVersion = bridge.get().toolchain().leanVersion().toString();
        LeanRunner runner = bridge.get().runner();
        metrics.gauge("leanprove_lean_processes", "Lean processes alive now", runner, LeanRunner::liveRuns);
        metrics.gauge("leanprove_lean_slots", "Lean processes that may run at once", runner, LeanRunner::capacity);
      } else {
        cluster = Optional.of(ClusterVerifier.start(vertx, lean.verifierConfig().timeout(), metrics).await());
        verifier = cluster.get();
        leanVersion = awaitWorker(cluster.get());
      }
      EngineFactory factory = new EngineFactory(vertx);
      Optional<EngineConfig> model = engineOptions.modelEngine(env).map(c -> launchIfNeeded(factory, c, engineOptions));
      Optional<EngineConfig> planner = engineOptions.plannerEngine(env).map(c -> launchIfNeeded(factory, c, engineOptions));
      List<URI> moreEndpoints = engineOptions.moreEndpoints(env);
      EngineRegistry engines = EngineRegistry.of(factory, model, planner).wrapped((engine, config) -> {
        Engine metered = metered(engine, config, metrics);
        if (config.type() == EngineType.PORTFOLIO || config.endpoint().isEmpty()) {
          return metered;
        }
        List<URI> endpoints = new ArrayList<>(List.of(config.endpoint().get()));
        if (model.isPresent() && config == model.get()) {
          endpoints.addAll(moreEndpoints);
        }
        String served = config.type().configName() + " " + endpoints + " " + config.model();
        if (endpoints.size() == 1) {
          return completions.around(metered, served);
        }
        List<Engine> members = new ArrayList<>(List.of(metered));
        for (URI more : moreEndpoints) {
          EngineConfig member = config.withEndpoint(more);
          members.add(metered(factory.create(member), member, metrics));
        }
        return completions.around(new BalancedEngine(members), served);
      });
      metrics.counter("leanprove_completion_cache_hits_total", "Seeded model requests answered from the cache",
          () -> completions.stats().hitCount());
      CandidateChecker checker = new CandidateChecker(verifier, verdictCacheBytes);
      metrics.counter("leanprove_candidate_cache_hits_total", "Candidates answered from the verdict cache",
          () -> checker.cacheStats().hitCount());
      metrics.counter("leanprove_candidate_cache_misses_total", "Candidates that needed a Lean run",
          () -> checker.cacheStats().missCount());
      metrics.gauge("leanprove_candidate_cache_bytes", "What the cached verdicts hold, in bytes", checker,
          CandidateChecker::cachedBytes);
      return new Services(bridge, vertx, metrics, verifier, leanVersion, cluster, factory, engines, checker, budgetLimit,
          lean.maxFileBytes(), engineOptions.settings());
    } catch (RuntimeException e) {
      vertx.close();
      bridge.ifPresent(LeanBridge::close);
      throw e;
    }
  }

  private static Engine metered(Engine engine, EngineConfig config, Metrics metrics) {
    return new MeteredEngine(engine, config.endpoint().map(Object::toString).orElse(config.type().configName()), metrics);
  }

  private static Vertx joinCluster(ClusterConfig config, Metrics metrics) {
    try {
      return ClusterNode.start(config, metrics).await();
    } catch (RuntimeException e) {
      throw new ExitException(ExitCodes.ENVIRONMENT, "cannot join the cluster on " + config.host() + ":" + config.port()
          + ": " + e.getMessage());
    }
  }

  private static String awaitWorker(ClusterVerifier cluster) {
    try {
      return cluster.firstWorker(WORKER_WAIT).await();
    } catch (RuntimeException e) {
      throw new ExitException(ExitCodes.ENVIRONMENT, e.getMessage());
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
    cluster.ifPresent(ClusterVerifier::close);
    vertx.close().await();
    bridge.ifPresent(LeanBridge::close);
  }
}
