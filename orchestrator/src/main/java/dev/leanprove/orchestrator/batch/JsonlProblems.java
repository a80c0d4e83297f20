package dev.leanprove.orchestrator.batch;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * DeepSeek's JSONL problems ({@code name, split, informal_prefix, formal_statement, goal, header}),
 * one per line, turned into Lean files the way DeepSeek's pipeline builds its prompts:
 * header + informal prefix (a docstring) + formal statement, with {@code sorry} as the proof.
 */
final class JsonlProblems {

  /** DESIGN §4: the header DeepSeek V1.5/V2, Goedel and Kimina use, for rows without one. */
  static final String DEFAULT_HEADER =
      "import Mathlib\nimport Aesop\n\nset_option maxHeartbeats 0\n\nopen BigOperators Real Nat Topology Rat\n\n";

  private JsonlProblems() {}

  static ProblemSet read(Path file) throws IOException {
    List<Problem> problems = new ArrayList<>();
    List<InputIssue> issues = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file),
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)))) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        String origin = file + ":" + number;
        JsonObject row;
        try {
          row = new JsonObject(line);
        } catch (DecodeException | ClassCastException e) {
          issues.add(new InputIssue(origin, "not a JSON object"));
          continue;
        }
        String name = text(row, "name");
        if (name.isBlank()) {
          issues.add(new InputIssue(origin, "no \"name\""));
          continue;
        }
        String split = text(row, "split");
        String statement = text(row, "formal_statement");
        if (statement.isBlank()) {
          problems.add(Problem.unreadable(name, split, origin, "no \"formal_statement\""));
          continue;
        }
        String header = row.containsKey("header") ? text(row, "header") : DEFAULT_HEADER;
        problems.add(Problem.of(name, split, origin, header + text(row, "informal_prefix") + withSorry(statement)));
      }
    } catch (CharacterCodingException e) {
      throw new IOException("not UTF-8 text", e);
    }
    return new ProblemSet(problems, issues);
  }

  /** The statement ends {@code := by\n} (DeepSeek leaves the proof out); the proof to find is {@code sorry}. */
  static String withSorry(String statement) {
    String trimmed = statement.stripTrailing();
    if (trimmed.endsWith(":= by")) {
      return trimmed + "\n  sorry\n";
    }
    if (trimmed.endsWith(":=")) {
      return trimmed + " by\n  sorry\n";
    }
    return statement;
  }

  private static String text(JsonObject row, String key) {
    Object value = row.getValue(key);
    return value instanceof String ? (String) value : "";
  }
}
