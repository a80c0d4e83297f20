package dev.leanprove.leanbridge.repl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leanprove.leanbridge.message.LeanMessage;
import dev.leanprove.leanbridge.message.Position;
import dev.leanprove.leanbridge.message.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One answer of the REPL: a command's result, a tactic's result, or an error object
 * ({@code {"message": "Unknown environment."}}). Fields the REPL leaves out when empty
 * ({@code messages}, {@code sorries}) read as empty lists.
 */
public sealed interface ReplResponse permits ReplResponse.CommandResult, ReplResponse.TacticResult, ReplResponse.Failure {

  /** The messages Lean reported, in the REPL's order; none for an error object. */
  List<LeanMessage> messages();

  /**
   * The answer to {@code {"cmd": …}}.
   *
   * @param env the environment the command produced, for later {@code "env"} fields
   */
  record CommandResult(int env, List<LeanMessage> messages, List<Sorry> sorries) implements ReplResponse {
    public CommandResult {
      messages = List.copyOf(messages);
      sorries = List.copyOf(sorries);
    }

    /**
     * The same result with every position moved from the command's text to the file it came from:
     * the command began after {@code lines} lines, {@code column} code points into its first line.
     * Tactic-mode positions (0:0) stay as they are: they point nowhere.
     */
    public CommandResult shifted(int lines, int column) {
      List<LeanMessage> moved = new ArrayList<>(messages.size());
      for (LeanMessage m : messages) {
        moved.add(new LeanMessage(m.fileName(), shift(m.pos(), lines, column), shift(m.endPos(), lines, column),
            m.severity(), m.kind(), m.data()));
      }
      List<Sorry> movedSorries = new ArrayList<>(sorries.size());
      for (Sorry s : sorries) {
        movedSorries.add(new Sorry(s.proofState(), s.goal(), s.pos().map(p -> shift(p, lines, column)),
            s.endPos().map(p -> shift(p, lines, column))));
      }
      return new CommandResult(env, moved, movedSorries);
    }
  }

  /**
   * The answer to {@code {"tactic": …, "proofState": n}}.
   *
   * @param proofStatus e.g. {@code Completed}, {@code Incomplete: open goals remain}, absent in old REPLs
   */
  record TacticResult(int proofState, List<String> goals, List<LeanMessage> messages, List<Sorry> sorries,
      Optional<String> proofStatus) implements ReplResponse {
    public TacticResult {
      goals = List.copyOf(goals);
      messages = List.copyOf(messages);
      sorries = List.copyOf(sorries);
      Objects.requireNonNull(proofStatus, "proofStatus");
    }
  }

  /** The REPL's error object: the command was not run ({@code Unknown environment.}, {@code Lean error:\n…}). */
  record Failure(String message) implements ReplResponse {
    public Failure {
      Objects.requireNonNull(message, "message");
    }

    @Override
    public List<LeanMessage> messages() {
      return List.of();
    }
  }

  /**
   * A {@code sorry} with the goal it stands for.
   *
   * @param pos absent for sorries made in tactic mode
   */
  record Sorry(int proofState, String goal, Optional<Position> pos, Optional<Position> endPos) {
    public Sorry {
      Objects.requireNonNull(goal, "goal");
    }
  }

  /**
   * Reads one answer value.
   *
   * @throws IllegalArgumentException when the value is none of the three shapes
   */
  static ReplResponse parse(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("a REPL answer is a JSON object: " + node);
    }
    if (node.has("env") && node.get("env").canConvertToInt()) {
      return new CommandResult(node.get("env").asInt(), messages(node), sorries(node));
    }
    if (node.has("proofState") && node.get("proofState").canConvertToInt()) {
      List<String> goals = new ArrayList<>();
      for (JsonNode g : node.path("goals")) {
        goals.add(g.asText());
      }
      Optional<String> status = node.has("proofStatus") ? Optional.of(node.get("proofStatus").asText()) : Optional.empty();
      return new TacticResult(node.get("proofState").asInt(), goals, messages(node), sorries(node), status);
    }
    if (node.has("message") && node.get("message").isTextual()) {
      return new Failure(node.get("message").asText());
    }
    throw new IllegalArgumentException("not a REPL answer (no env, proofState or message): " + node);
  }

  private static List<LeanMessage> messages(JsonNode node) {
    List<LeanMessage> messages = new ArrayList<>();
    for (JsonNode m : node.path("messages")) {
      String severity = m.path("severity").asText();
      if (severity.equals("trace")) {
        // Trace output is for people debugging a tactic; Lean's own JSON output has no such severity.
        continue;
      }
      messages.add(new LeanMessage("", position(m.get("pos")), position(m.get("endPos")), Severity.parse(severity), "",
          m.path("data").asText()));
    }
    return messages;
  }

  private static List<Sorry> sorries(JsonNode node) {
    List<Sorry> sorries = new ArrayList<>();
    for (JsonNode s : node.path("sorries")) {
      sorries.add(new Sorry(s.path("proofState").asInt(-1), s.path("goal").asText(),
          Optional.ofNullable(position(s.get("pos"))), Optional.ofNullable(position(s.get("endPos")))));
    }
    return sorries;
  }

  private static Position position(JsonNode pos) {
    if (pos == null || !pos.isObject()) {
      return null;
    }
    return new Position(pos.path("line").asInt(), pos.path("column").asInt());
  }

  private static Position shift(Position p, int lines, int column) {
    if (p == null || p.line() == 0) {
      return p;
    }
    return new Position(p.line() + lines, p.line() == 1 ? p.column() + column : p.column());
  }
}
