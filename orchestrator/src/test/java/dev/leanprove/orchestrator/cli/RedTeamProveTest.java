package dev.leanprove.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.standin.StandInLean;
import dev.leanprove.orchestrator.standin.Cheat;
import dev.leanprove.orchestrator.standin.Cheats;
import dev.leanprove.orchestrator.standin.StandInModelServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The model-output half of the red-team catalogue through {@code leanprove prove}: the model answers
 * with the cheat, the stand-in Lean accepts its text, and the theorem still does not come out PROVED.
 */
final class RedTeamProveTest {

  static Vertx vertx;
  static StandInModelServer model;

  @TempDir
  Path dir;

  @BeforeAll
  static void startModel() {
    vertx = Vertx.vertx();
    model = StandInModelServer.start(vertx).await();
  }

  @AfterAll
  static void stopModel() {
    model.close().await();
    vertx.close().await();
  }

  static Stream<Cheat> cheats() {
    return Cheats.inModelOutput().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cheats")
  void prove_modelAnswersWithCheat_neverProved(Cheat cheat) throws Exception {
    try (StandInLean lean = StandInLean.create(dir.resolve("lean"), 1)) {
      cheat.teach(lean);
      model.defaultOutput(cheat.modelAnswer());
      int asked = model.requests().size();
      Path file = dir.resolve("Challenge.lean");
      Files.writeString(file, cheat.fullChallenge());

      CliRun run = CliRun.of(lean.systemEnv(), "prove", "--json", "--workspace", lean.workspace().dir().toString(),
          "--endpoint", model.endpoint().toString(), "--no-portfolio", "--samples", "1", "--samples-per-round", "1",
          "--repair-rounds", "0", "--max-depth", "0", file.toString());

      assertThat(model.requests().size()).as("the model was asked").isGreaterThan(asked);
      JsonObject result = new JsonObject(run.out());
      if (cheat.keptOutOf(result)) {
        return;
      }
      assertThat(run.exitCode()).as(run.err() + run.out()).isNotEqualTo(ExitCodes.OK);
      assertThat(result.getString("status")).isNotEqualTo("PROVED");
      List<JsonObject> targets = RedTeamCheckTest.targets(result.getJsonArray("theorems"), cheat.target());
      assertThat(targets).as("the target %s in %s", cheat.target(), run.out()).isNotEmpty();
      for (JsonObject t : targets) {
        assertThat(t.getString("status")).as(t.encodePrettily()).isNotEqualTo("PROVED");
        assertThat(RedTeamProveTest.verdicts(t)).as("the cheat's own attempt, refused for its reason: " + t.encodePrettily())
            .containsAnyElementsOf(cheat.refusedAs());
      }
    }
  }

  /** The verdicts of a theorem's attempts. */
  static List<String> verdicts(JsonObject theorem) {
    return theorem.getJsonArray("attempts").stream().map(JsonObject.class::cast).map(a -> a.getString("verdict")).toList();
  }
}
