package dev.leanprove.leanbridge.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Reads the goals out of Lean's "unsolved goals" error text. */
public final class UnsolvedGoals {

  private static final String HEADLINE = "unsolved goals";

  private UnsolvedGoals() {}

  /**
   * The goals listed in an "unsolved goals" message, each as Lean printed it (an optional
   * {@code case TAG} line, hypotheses, then {@code ⊢ target}); Lean separates goals with an empty
   * line. Empty when {@code data} is not an "unsolved goals" message.
   */
  public static List<String> goals(String data) {
    Objects.requireNonNull(data, "data");
    List<String> lines = OutputLines.split(data.stripLeading());
    if (lines.isEmpty() || !lines.get(0).strip().equals(HEADLINE)) {
      return List.of();
    }
    List<String> goals = new ArrayList<>();
    List<String> goal = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        addIfAny(goals, goal);
      } else {
        goal.add(line);
      }
    }
    addIfAny(goals, goal);
    return List.copyOf(goals);
  }

  private static void addIfAny(List<String> goals, List<String> goal) {
    if (!goal.isEmpty()) {
      goals.add(String.join("\n", goal));
      goal.clear();
    }
  }
}
