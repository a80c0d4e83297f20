package dev.leanprove.orchestrator.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The real miniF2F problems and DeepSeek-Prover-V2 solutions in the shared data folder. */
final class SharedData {

  /** One miniF2F row in DeepSeek's JSONL layout. */
  record Problem(String name, String header, String informalPrefix, String formalStatement) {

    ProofTask task() {
      return new ProofTask(header, informalPrefix, formalStatement);
    }
  }

  /** One published solution file: its statement (through {@code := by}) and the proof after it. */
  record Solution(String name, String fileText, String preamble, String statement, String body) {}

  private SharedData() {}

  static Path dataDir() {
    String shared = System.getProperty("leanprove.shared.dir");
    assertThat(shared).as("system property leanprove.shared.dir (set by surefire)").isNotNull();
    Path data = Path.of(shared, "data");
    assertThat(data).isDirectory();
    return data;
  }

  static Problem problem(String name) {
    try {
      ObjectMapper json = new ObjectMapper();
      for (String line : Files.readAllLines(dataDir().resolve("minif2f-valid.jsonl"), StandardCharsets.UTF_8)) {
        JsonNode row = json.readTree(line);
        if (row.get("name").asText().equals(name)) {
          return new Problem(
              name,
              row.get("header").asText(),
              row.get("informal_prefix").asText(),
              row.get("formal_statement").asText());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new AssertionError("no miniF2F valid problem " + name);
  }

  static List<Solution> solutions() {
    Path dir = dataDir().resolve("deepseek-prover-v2-solutions").resolve("valid");
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".lean"))
          .sorted()
          .map(SharedData::solution)
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Solution solution(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      String name = file.getFileName().toString().replace(".lean", "");
      int theorem = text.indexOf("\ntheorem ") + 1;
      int by = text.indexOf(":= by\n", theorem) + ":= by".length();
      return new Solution(name, text, text.substring(0, theorem), text.substring(theorem, by), text.substring(by + 1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
