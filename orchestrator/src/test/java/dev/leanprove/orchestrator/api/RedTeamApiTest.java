package dev.leanprove.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.orchestrator.search.SearchSettings;
import dev.leanprove.orchestrator.standin.Cheat;
import dev.leanprove.orchestrator.standin.Cheats;
import dev.leanprove.orchestrator.standin.ProverFixture;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The model-output half of the red-team catalogue through {@code POST /prove}: what the service
 * answers a client is never PROVED for a cheat, whatever the stand-in Lean accepted.
 */
final class RedTeamApiTest {

  /** One model sample, no portfolio, no repair, no decomposition: the cheat is the only candidate. */
  static final SearchSettings ONE_SHOT = new SearchSettings(1, 4096, 1.0, 0.95, SearchSettings.DEFAULT.style(),
      OptionalLong.empty(), false, SearchSettings.DEFAULT_PORTFOLIO_TIMEOUT, 0, 1, 0);

  @TempDir
  Path dir;

  static Stream<Cheat> cheats() {
    return Cheats.inModelOutput().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cheats")
  void postProve_modelAnswersWithCheat_neverProved(Cheat cheat) {
    try (ProverFixture f = ProverFixture.start(dir)) {
      cheat.teach(f.lean);
      f.model.defaultOutput(cheat.modelAnswer());
      ApiServer server = ApiServer.start(f, f.prover(Optional.of(f.openAi()), ONE_SHOT), ApiServer.config());

      HttpResponse<Buffer> r = server.postJson("/prove", new JsonObject().put("code", cheat.fullChallenge())
          .put("budget", new JsonObject().put("samples", 1).put("tokens", 200_000).put("seconds", 60)));

      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      assertThat(f.model.requests()).as("the model was asked").isNotEmpty();
      JsonObject result = r.bodyAsJsonObject();
      if (cheat.keptOutOf(result)) {
        server.client.close();
        return;
      }
      assertThat(result.getString("status")).isNotEqualTo("PROVED");
      List<JsonObject> targets = targets(result, cheat.target());
      assertThat(targets).as("the target %s in %s", cheat.target(), r.bodyAsString()).isNotEmpty();
      for (JsonObject t : targets) {
        assertThat(t.getString("status")).as(t.encodePrettily()).isNotEqualTo("PROVED");
        List<String> verdicts = t.getJsonArray("attempts").stream().map(JsonObject.class::cast)
            .map(a -> a.getString("verdict")).toList();
        assertThat(verdicts).as("the cheat's own attempt, refused for its reason: " + t.encodePrettily())
            .containsAnyElementsOf(cheat.refusedAs());
      }
      server.client.close();
    }
  }

  private static List<JsonObject> targets(JsonObject result, String target) {
    return result.getJsonArray("theorems").stream()
        .map(JsonObject.class::cast)
        .filter(t -> bare(t.getString("qualifiedName", "").isEmpty() ? t.getString("name") : t.getString("qualifiedName"))
            .equals(bare(target)))
        .toList();
  }

  private static String bare(String name) {
    return name.replace("«", "").replace("»", "").strip();
  }
}
