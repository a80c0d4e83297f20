package dev.leanprove.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.standin.StandInLean;
import dev.leanprove.orchestrator.standin.Cheat;
import dev.leanprove.orchestrator.standin.Cheats;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The red-team catalogue through {@code leanprove check}: a user's file carrying a cheat that the
 * stand-in Lean accepts as written never has its target reported PROVED, and the run exits non-zero.
 */
final class RedTeamCheckTest {

  @TempDir
  Path dir;

  static Stream<Cheat> cheats() {
    return Cheats.inUserFile().stream();
  }

  @Test
  void catalogue_coversEveryClassWithAtLeastSixtyCheats() {
    assertThat(Cheats.all()).hasSizeGreaterThanOrEqualTo(60);
    assertThat(Cheats.all().stream().map(Cheat::kind).distinct()).containsExactlyInAnyOrder(
        Cheat.Kind.EXAMPLE_OR_UNREADABLE_NAME, Cheat.Kind.UNQUALIFIED_NAME, Cheat.Kind.LEXING, Cheat.Kind.SCAN_GAP,
        Cheat.Kind.AUXILIARY_DECLARATION, Cheat.Kind.MESSAGE_TRUST);
    assertThat(Cheats.all().stream().map(Cheat::id).distinct()).hasSameSizeAs(Cheats.all());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cheats")
  void check_cheatingFile_isNeverProved(Cheat cheat) throws Exception {
    try (StandInLean lean = StandInLean.create(dir.resolve("lean"), 1)) {
      cheat.teach(lean);
      Path file = dir.resolve("Cheat.lean");
      Files.writeString(file, cheat.fullFile());

      CliRun run = CliRun.of(lean.systemEnv(), "check", "--json", "--workspace", lean.workspace().dir().toString(),
          file.toString());

      assertThat(run.exitCode()).as(run.err() + run.out()).isNotEqualTo(ExitCodes.OK);
      JsonObject report = new JsonObject(run.out());
      assertThat(report.getString("status")).isNotEqualTo("PROVED");
      List<JsonObject> targets = targets(report.getJsonArray("theorems"), cheat.target());
      assertThat(targets).as("the target %s in %s", cheat.target(), run.out()).isNotEmpty();
      for (JsonObject t : targets) {
        assertThat(t.getString("status")).as(t.encodePrettily()).isIn(cheat.refusedAs());
      }
    }
  }

  /**
   * The report entries for the cheat's target: by fully qualified name where the report gives one
   * ({@code t} is not {@code Foo.t}), examples by keyword and place.
   */
  static List<JsonObject> targets(JsonArray theorems, String target) {
    return theorems.stream()
        .map(JsonObject.class::cast)
        .filter(t -> !t.getString("qualifiedName", "").isEmpty() && !target.equals("example")
            ? matches(t.getString("qualifiedName"), target)
            : matches(t.getString("name"), target))
        .toList();
  }

  private static boolean matches(String name, String target) {
    if (target.equals("example")) {
      return name.startsWith("example");
    }
    if (target.endsWith("@")) {
      return name.startsWith(target); // an unreadable name is reported by keyword and line
    }
    return bare(name).equals(bare(target));
  }

  // «t⏎» and t name the same theorem for a reader; the report may show either.
  private static String bare(String name) {
    return name.replace("«", "").replace("»", "").strip();
  }
}
