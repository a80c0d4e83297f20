package dev.leanprove.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.standin.StandInLean;
import dev.leanprove.orchestrator.standin.MiniF2F;
import dev.leanprove.orchestrator.standin.StandInModelServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stand-in Lean and model a whole-batch test runs against, scripted for three lists of miniF2F
 * problems (the model proves the first, the portfolio the second, nothing the third), and the
 * {@code batch} arguments over them.
 */
final class BatchFixture implements AutoCloseable {

  static final int SAMPLES = 4;

  final List<String> modelProvable;
  final List<String> portfolioProvable;
  final List<String> unprovable;
  final StandInLean lean;
  final Vertx vertx;
  final StandInModelServer model;

  private BatchFixture(List<String> modelProvable, List<String> portfolioProvable, List<String> unprovable, StandInLean lean,
      Vertx vertx, StandInModelServer model) {
    this.modelProvable = modelProvable;
    this.portfolioProvable = portfolioProvable;
    this.unprovable = unprovable;
    this.lean = lean;
    this.vertx = vertx;
    this.model = model;
  }

  static BatchFixture start(Path dir, List<String> modelProvable, List<String> portfolioProvable, List<String> unprovable) {
    StandInLean lean = StandInLean.create(dir.resolve("lean"), 2);
    Vertx vertx = Vertx.vertx();
    StandInModelServer model = StandInModelServer.start(vertx).await();
    for (String name : modelProvable) {
      model.script(BatchCommandTest.key(name), MiniF2F.cotAnswerFor(name));
      lean.accept(name, MiniF2F.realProof(name));
    }
    for (String name : portfolioProvable) {
      lean.accept(name, "linarith");
    }
    return new BatchFixture(modelProvable, portfolioProvable, unprovable, lean, vertx, model);
  }

  List<String> all() {
    List<String> names = new ArrayList<>(modelProvable);
    names.addAll(portfolioProvable);
    names.addAll(unprovable);
    return names;
  }

  /** {@code batch} over every problem into {@code out}, {@link #SAMPLES} samples two a round, then {@code more}. */
  String[] args(Path out, int concurrency, String... more) {
    List<String> args = new ArrayList<>(List.of("batch", BatchCommandTest.valid().toString(), "--workspace",
        lean.workspace().dir().toString(), "--out", out.toString(), "--filter", "{" + String.join(",", all()) + "}",
        "--endpoint", model.endpoint().toString(), "--samples", Integer.toString(SAMPLES), "--samples-per-round", "2",
        "--concurrency", Integer.toString(concurrency), "--lean-jobs", "2", "--progress", "none"));
    args.addAll(List.of(more));
    return args.toArray(new String[0]);
  }

  /**
   * Asserts that the attempt log finishes every problem once, with one portfolio sample and, unless
   * the portfolio proved it, {@link #SAMPLES} model samples that count (none logged twice).
   */
  void assertEveryProblemOnceWithItsSamples(List<JsonObject> lines) {
    Map<String, Set<Integer>> counted = countedSamples(lines);
    for (String name : all()) {
      assertThat(lines.stream().filter(l -> l.getString("type").equals("problem") && l.getString("problem").equals(name)))
          .as(name).hasSize(1);
      assertThat(counted.get(name)).as(name).contains(0).hasSize(portfolioProvable.contains(name) ? 1 : 1 + SAMPLES);
    }
  }

  /** Sample indices per problem that still count: logged once and not discarded later. */
  private static Map<String, Set<Integer>> countedSamples(List<JsonObject> lines) {
    Map<String, Set<Integer>> counted = new HashMap<>();
    for (JsonObject l : lines) {
      String type = l.getString("type");
      if (type.equals("attempt")) {
        assertThat(counted.computeIfAbsent(l.getString("problem"), k -> new HashSet<>()).add(l.getInteger("sample")))
            .as("sample %s of %s logged twice", l.getInteger("sample"), l.getString("problem")).isTrue();
      } else if (type.equals("discard")) {
        counted.get(l.getString("problem")).remove(l.getInteger("sample"));
      }
    }
    return counted;
  }

  /** The command that runs leanprove's {@code Main} in a child JVM with this JVM's class path. */
  static List<String> childJvm(List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    return command;
  }

  @Override
  public void close() {
    model.close().await();
    vertx.close().await();
    lean.close();
  }
}
