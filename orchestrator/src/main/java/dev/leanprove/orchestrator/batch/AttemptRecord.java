package dev.leanprove.orchestrator.batch;

import dev.leanprove.leanbridge.verdict.ReasonCode;
import dev.leanprove.orchestrator.search.Attempt;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One judged candidate of a problem.
 *
 * @param sample 0 for the model-free portfolio attempt, 1, 2, ... for model samples in the order
 *     they were judged (each round's samples after the previous round's), -1, -2, ... for attempts
 *     made inside decomposition (sketches, subgoals, compositions), which are no samples
 * @param seed the sampling seed of the request that produced it, when one was fixed
 * @param firstError the verifier's first error line ("" when proved)
 * @param at when it was judged (ISO-8601)
 */
record AttemptRecord(
    String problem,
    String theorem,
    int sample,
    OptionalLong seed,
    String strategy,
    String engine,
    String model,
    String toolchain,
    String promptId,
    ReasonCode verdict,
    String firstError,
    String proof,
    String auxiliary,
    int promptTokens,
    int completionTokens,
    long generationMs,
    long verificationMs,
    boolean cached,
    String at,
    String rawOutput) implements BatchRecord {

  static final String TYPE = "attempt";

  AttemptRecord {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(theorem, "theorem");
    Objects.requireNonNull(seed, "seed");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(toolchain, "toolchain");
    Objects.requireNonNull(promptId, "promptId");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(firstError, "firstError");
    Objects.requireNonNull(proof, "proof");
    Objects.requireNonNull(auxiliary, "auxiliary");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(rawOutput, "rawOutput");
  }

  static AttemptRecord of(String problem, String theorem, int sample, OptionalLong seed, String model, String toolchain,
      Attempt a, String at) {
    return new AttemptRecord(problem, theorem, sample, seed, a.strategy(), a.engine(), model, toolchain, a.promptId(),
        a.verdict(), a.proved() ? "" : a.detail(), a.proof(), a.auxiliary(), a.promptTokens(), a.completionTokens(),
        a.generationMillis(), a.verificationMillis(), a.cached(), at, a.rawOutput());
  }

  /** The same record without the model's raw output, which a long run cannot keep in memory for every attempt. */
  AttemptRecord withoutTexts() {
    return new AttemptRecord(problem, theorem, sample, seed, strategy, engine, model, toolchain, promptId, verdict, firstError,
        proof, auxiliary, promptTokens, completionTokens, generationMs, verificationMs, cached, at, "");
  }

  /** The model-free portfolio's attempt, which costs no sample. */
  boolean portfolio() {
    return sample == 0;
  }

  /**
   * An attempt made inside decomposition (a sketch, a subgoal's attempt, a composition), numbered
   * below zero: kept in the trace, never counted as one of the problem's samples.
   */
  boolean derived() {
    return sample < 0;
  }

  boolean proved() {
    return verdict == ReasonCode.PROVED;
  }

  /** A model sample that says something about the prover: infrastructure faults do not (STYLE §8). */
  boolean countsForPassAtK() {
    return sample > 0 && !verdict.isInfrastructure();
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public JsonObject toJson() {
    JsonObject o = new JsonObject().put("type", TYPE).put("problem", problem).put("theorem", theorem).put("sample", sample);
    o.put("seed", seed.isPresent() ? seed.getAsLong() : null);
    return o.put("strategy", strategy).put("engine", engine).put("model", model).put("toolchain", toolchain)
        .put("promptId", promptId).put("verdict", verdict.name()).put("firstError", firstError).put("proof", proof)
        .put("auxiliary", auxiliary).put("promptTokens", promptTokens).put("completionTokens", completionTokens)
        .put("generationMs", generationMs).put("verificationMs", verificationMs).put("cached", cached).put("at", at)
        .put("rawOutput", rawOutput);
  }

  static AttemptRecord fromJson(JsonObject o) {
    Long seed = o.getLong("seed");
    return new AttemptRecord(o.getString("problem"), o.getString("theorem", ""), o.getInteger("sample"),
        seed == null ? OptionalLong.empty() : OptionalLong.of(seed), o.getString("strategy", ""), o.getString("engine", ""),
        o.getString("model", ""), o.getString("toolchain", ""), o.getString("promptId", ""),
        ReasonCode.valueOf(o.getString("verdict")), o.getString("firstError", ""), o.getString("proof", ""),
        o.getString("auxiliary", ""), o.getInteger("promptTokens", 0), o.getInteger("completionTokens", 0),
        o.getLong("generationMs", 0L), o.getLong("verificationMs", 0L), o.getBoolean("cached", false), o.getString("at", ""),
        o.getString("rawOutput", ""));
  }
}
