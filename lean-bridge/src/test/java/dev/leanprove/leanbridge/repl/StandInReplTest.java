package dev.leanprove.leanbridge.repl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.message.LeanMessage;
import dev.leanprove.leanbridge.message.Position;
import dev.leanprove.leanbridge.repl.ReplResponse.CommandResult;
import dev.leanprove.leanbridge.standin.StandInLean;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-in REPL speaks the REPL's framing, and the stand-in lake builds it where Lake would. */
final class StandInReplTest {

  @TempDir
  Path dir;

  @Test
  void repl_transcriptStyleInput_answersPrettyJsonEachEndedByEmptyLine() throws Exception {
    try (StandInLean lean = StandInLean.create(dir, 1).accept("t", "norm_num")) {
      // The second block has a raw line break inside the string, as in repl-parse-error-line-breaks: the REPL
      // joins a block's lines, so the command text keeps only the escaped \n.
      String input = "{\"cmd\": \"import Mathlib\"}\n\n"
          + "{\"cmd\": \"theorem t : (2 : ℕ) + 2 = 4 := by\\n\n  simp\", \"env\": 0}\n\n"
          + "{\"cmd\": \"#check t\", \"env\": 7}";
      String output = run(lean, input);

      assertThat(output).endsWith("}\n\n");
      String[] answers = output.split("\n\n");
      assertThat(answers).hasSize(3);
      assertThat(answers[1].lines().count()).as("a long answer is spread over lines").isGreaterThan(3);
      List<ReplResponse> parsed = new ArrayList<>();
      ReplWire wire = new ReplWire(new ByteArrayInputStream(output.getBytes(StandardCharsets.UTF_8)));
      for (Optional<com.fasterxml.jackson.databind.JsonNode> n = wire.next(); n.isPresent(); n = wire.next()) {
        parsed.add(ReplResponse.parse(n.get()));
      }
      assertThat(parsed.get(0)).isEqualTo(new CommandResult(0, List.of(), List.of()));
      CommandResult failed = (CommandResult) parsed.get(1);
      assertThat(failed.env()).isEqualTo(1);
      assertThat(failed.messages()).extracting(LeanMessage::pos).containsExactly(new Position(1, 31));
      assertThat(parsed.get(2)).isEqualTo(new ReplResponse.Failure("Unknown environment."));
    }
  }

  @Test
  void lakeBuild_lakefileRequiresRepl_leavesTheBinaryWhereLakeWould() throws Exception {
    try (StandInLean lean = StandInLean.create(dir, 1)) {
      Process build = new ProcessBuilder(StandInLean.bin().resolve("lake").toString(), "build", "repl")
          .directory(lean.workspace().dir().toFile()).redirectErrorStream(true).start();
      assertThat(build.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(build.exitValue()).isZero();

      assertThat(lean.workspace().replBinary()).contains(
          lean.workspace().dir().resolve(".lake/packages/REPL/.lake/build/bin/repl"));
    }
  }

  private static String run(StandInLean lean, String input) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(StandInLean.bin().resolve("repl").toString());
    builder.environment().putAll(lean.systemEnv());
    Process p = builder.start();
    p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Files.writeString(lean.workspace().dir().resolve("repl-out.txt"), new String(out, StandardCharsets.UTF_8));
    return new String(out, StandardCharsets.UTF_8);
  }
}
