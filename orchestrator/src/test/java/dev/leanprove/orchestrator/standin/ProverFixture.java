package dev.leanprove.orchestrator.standin;

import dev.leanprove.leanbridge.standin.StandInLean;
import dev.leanprove.leanbridge.verdict.LakeVerifier;
import dev.leanprove.leanbridge.verdict.VerifierConfig;
import dev.leanprove.orchestrator.engine.EngineConfig;
import dev.leanprove.orchestrator.engine.EngineFactory;
import dev.leanprove.orchestrator.engine.EngineRegistry;
import dev.leanprove.orchestrator.engine.RetryPolicy;
import dev.leanprove.orchestrator.prompt.PromptLibrary;
import dev.leanprove.orchestrator.search.Budget;
import dev.leanprove.orchestrator.search.CandidateChecker;
import dev.leanprove.orchestrator.search.FileProver;
import dev.leanprove.orchestrator.search.SearchSettings;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The whole proving stack over the stand-ins: fake Lean toolchain, stand-in model server, real
 * engines, verifier and prover, all through real processes and sockets.
 */
public final class ProverFixture implements AutoCloseable {

  /** Quick retries so fault tests take milliseconds. */
  public static final RetryPolicy FAST_RETRY =
      new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(2));

  public final Vertx vertx;
  public final StandInLean lean;
  public final StandInModelServer model;
  public final EngineFactory factory;
  public final LakeVerifier verifier;

  private ProverFixture(Vertx vertx, StandInLean lean, StandInModelServer model) {
    this.vertx = vertx;
    this.lean = lean;
    this.model = model;
    this.factory = new EngineFactory(vertx);
    this.verifier = lean.verifier(VerifierConfig.DEFAULT);
  }

  public static ProverFixture start(Path dir) {
    Vertx vertx = Vertx.vertx();
    StandInLean lean = StandInLean.create(dir, 2);
    StandInModelServer model = StandInModelServer.start(vertx).await();
    return new ProverFixture(vertx, lean, model);
  }

  /** A proposition the portfolio's {@code norm_num} proves on the stand-in Lean once {@link #acceptEasy} is called. */
  public static final String EASY = "(2 : ℝ) + 2 = 4";

  /** A file whose one theorem, {@code name}, states {@link #EASY} with a {@code sorry}: the cheapest job to run. */
  public static String easyFile(String name) {
    return "import Mathlib\n\ntheorem " + name + " : " + EASY + " := by\n  sorry\n";
  }

  /** Lets the stand-in Lean accept the portfolio's proof of {@link #EASY}, whatever the theorem's name. */
  public ProverFixture acceptEasy() {
    lean.proposition(EASY, "norm_num <;> done");
    return this;
  }

  /** Lets the stand-in Lean accept DeepSeek-Prover-V2's real proof of the problem. */
  public ProverFixture acceptRealProof(String name) {
    lean.accept(name, MiniF2F.realProof(name));
    return this;
  }

  /** Scripts the model to answer prompts about the problem with the CoT answer around its real proof. */
  public ProverFixture scriptRealAnswer(String name) {
    model.script(name, MiniF2F.cotAnswerFor(name));
    return this;
  }

  public EngineConfig openAi() {
    return EngineConfig.of(dev.leanprove.orchestrator.engine.EngineType.OPENAI, model.endpoint(), StandInModelServer.SERVED_MODEL)
        .withRetry(FAST_RETRY);
  }

  public FileProver prover(Optional<EngineConfig> engine, SearchSettings settings) {
    return prover(engine, Optional.empty(), settings);
  }

  /** A prover that takes files of at most {@code maxSourceChars} characters. */
  public FileProver prover(Optional<EngineConfig> engine, SearchSettings settings, int maxSourceChars) {
    EngineRegistry engines = EngineRegistry.of(factory, engine, Optional.empty());
    return new FileProver(verifier, new CandidateChecker(verifier, CandidateChecker.DEFAULT_CACHE_BYTES), PromptLibrary.packaged(), engines, settings,
        new Budget(64, 1_000_000, Duration.ofMinutes(5)), maxSourceChars);
  }

  /** A prover whose sketches come from a separate planner model. */
  public FileProver prover(Optional<EngineConfig> engine, Optional<EngineConfig> planner, SearchSettings settings) {
    EngineRegistry engines = EngineRegistry.of(factory, engine, planner);
    return new FileProver(verifier, new CandidateChecker(verifier, CandidateChecker.DEFAULT_CACHE_BYTES), PromptLibrary.packaged(), engines, settings,
        new Budget(64, 1_000_000, Duration.ofMinutes(5)), VerifierConfig.DEFAULT_MAX_SOURCE_CHARS);
  }

  public EngineRegistry registry(Optional<EngineConfig> engine) {
    return EngineRegistry.of(factory, engine);
  }

  @Override
  public void close() {
    model.close().await();
    factory.close().await();
    vertx.close().await();
    lean.close();
  }
}
