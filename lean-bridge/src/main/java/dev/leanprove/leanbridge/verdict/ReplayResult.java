package dev.leanprove.leanbridge.verdict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The checker's verdict on one target.
 *
 * @param reason "" when ok, else one of the checker's reason words ({@code type-mismatch}, …)
 * @param axioms the axioms the replayed theorem depends on
 */
record ReplayResult(String name, boolean ok, List<String> axioms, String reason, String detail) {

  private static final ObjectMapper JSON = new ObjectMapper();

  ReplayResult {
    Objects.requireNonNull(name, "name");
    axioms = List.copyOf(axioms);
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }

  /**
   * Reads the checker's answer to request {@code id}.
   *
   * @throws IllegalArgumentException when the line is not an answer to that request
   */
  static List<ReplayResult> parseAnswer(String line, long id) {
    JsonNode root;
    try {
      root = JSON.readTree(line);
    } catch (IOException e) {
      throw new IllegalArgumentException("the checker's answer is not JSON: " + TheoremJudge.oneLine(line));
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("the checker's answer is not a JSON object: " + TheoremJudge.oneLine(line));
    }
    if (!root.path("error").asText("").isEmpty()) {
      throw new IllegalArgumentException("the checker refused the request: " + root.path("error").asText());
    }
    if (root.path("id").asLong(-1) != id) {
      throw new IllegalArgumentException("the checker answered request " + root.path("id") + ", not " + id);
    }
    List<ReplayResult> results = new ArrayList<>();
    for (JsonNode r : root.path("results")) {
      List<String> axioms = new ArrayList<>();
      r.path("axioms").forEach(a -> axioms.add(a.asText()));
      results.add(new ReplayResult(r.path("name").asText(), r.path("ok").asBoolean(false), axioms,
          r.path("reason").asText(""), r.path("detail").asText("")));
    }
    return results;
  }
}
