package dev.leanprove.orchestrator.batch;

import dev.leanprove.orchestrator.search.SearchSettings;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a batch run samples and checks with. A resumed run must use the same settings as the run it
 * continues, or its attempts would mix two experiments in one pass@k.
 *
 * @param engine the engine name ({@code portfolio} for none)
 * @param model the model id ("" when the server's default or none)
 * @param toolchain the Lean version the verdicts come from
 * @param samples model samples per problem (pass@k's largest k)
 * @param firstProof stop sampling a problem at its first proof (no pass@k then)
 * @param portfolio try the model-free portfolio first
 * @param search how proofs are searched beyond sampling: prompt style, repair rounds, decomposition depth
 *     ({@code cot repair=2 depth=2}); a resumed run must search the same way
 */
public record RunSettings(
    String engine,
    String model,
    String toolchain,
    int samples,
    int maxTokens,
    String search,
    boolean portfolio,
    boolean firstProof,
    OptionalLong seed) {

  public RunSettings {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(toolchain, "toolchain");
    Objects.requireNonNull(search, "search");
    Objects.requireNonNull(seed, "seed");
    if (samples < 0) {
      throw new IllegalArgumentException("samples must not be negative: " + samples);
    }
  }

  /** The {@code search} field for these settings. */
  public static String describe(SearchSettings s) {
    return s.style().name().toLowerCase(java.util.Locale.ROOT) + " repair=" + s.repairRounds() + " depth=" + s.maxDepth();
  }

  /** Whether a model is asked at all (otherwise only the portfolio runs). */
  public boolean hasModel() {
    return !engine.equals("portfolio");
  }

  /** How these settings differ from an earlier run's, one phrase per field; empty when the same. */
  List<String> differencesFrom(RunSettings earlier) {
    List<String> d = new ArrayList<>();
    differ(d, "engine", earlier.engine, engine);
    differ(d, "model", earlier.model, model);
    differ(d, "Lean toolchain", earlier.toolchain, toolchain);
    differ(d, "--samples", earlier.samples, samples);
    differ(d, "--max-tokens", earlier.maxTokens, maxTokens);
    differ(d, "search (--prompt, --repair-rounds, --max-depth)", earlier.search, search);
    differ(d, "portfolio (--no-portfolio)", earlier.portfolio, portfolio);
    differ(d, "--first-proof", earlier.firstProof, firstProof);
    differ(d, "--seed", seedText(earlier.seed), seedText(seed));
    return d;
  }

  private static void differ(List<String> out, String what, Object before, Object now) {
    if (!before.equals(now)) {
      out.add(what + " was " + before + ", now " + now);
    }
  }

  private static String seedText(OptionalLong seed) {
    return seed.isPresent() ? Long.toString(seed.getAsLong()) : "none";
  }

  JsonObject toJson() {
    return new JsonObject().put("engine", engine).put("model", model).put("toolchain", toolchain).put("samples", samples)
        .put("maxTokens", maxTokens).put("search", search).put("portfolio", portfolio)
        .put("firstProof", firstProof).put("seed", seed.isPresent() ? seed.getAsLong() : null);
  }

  static RunSettings fromJson(JsonObject o) {
    Long seed = o.getLong("seed");
    return new RunSettings(o.getString("engine", ""), o.getString("model", ""), o.getString("toolchain", ""),
        o.getInteger("samples", 0), o.getInteger("maxTokens", 0), o.getString("search", ""),
        o.getBoolean("portfolio", true), o.getBoolean("firstProof", false),
        seed == null ? OptionalLong.empty() : OptionalLong.of(seed));
  }
}
