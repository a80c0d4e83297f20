package dev.leanprove.orchestrator.prompt;

import dev.leanprove.orchestrator.engine.ChatMessage;
import dev.leanprove.orchestrator.engine.Prompt;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The named prompt templates and how each is filled: DeepSeek-Prover-V2 CoT and non-CoT chat
 * prompts, the V1.5 raw completion prompt, the sketch prompt, and Goedel-Prover-V2 style repair
 * rounds. All templates are loaded and checked when the library is made.
 */
public final class PromptLibrary {

  public static final String COT = "deepseek-v2-cot";
  public static final String NONCOT = "deepseek-v2-noncot";
  public static final String RAW = "deepseek-v1.5-raw";
  public static final String SKETCH = "sketch";
  public static final String REPAIR = "repair";
  public static final String REPAIR_RAW = "repair-raw";

  private static final Set<String> TASK_SLOTS = Set.of("header", "informal_prefix", "statement");
  private static final Set<String> REPAIR_SLOTS = Set.of("round", "errors");
  private static final Set<String> REPAIR_RAW_SLOTS =
      Set.of("previous_prompt", "previous_attempt", "errors", "header", "informal_prefix", "statement");
  private static final String FENCE = "```";

  private final Map<String, PromptTemplate> templates;

  private PromptLibrary(Function<String, PromptTemplate> loader) {
    Set<String> statementOnly = Set.of("statement");
    this.templates = Map.of(
        COT, loader.apply(COT).requireSlots(statementOnly, TASK_SLOTS),
        NONCOT, loader.apply(NONCOT).requireSlots(statementOnly, TASK_SLOTS),
        RAW, loader.apply(RAW).requireSlots(statementOnly, TASK_SLOTS),
        SKETCH, loader.apply(SKETCH).requireSlots(statementOnly, TASK_SLOTS),
        REPAIR, loader.apply(REPAIR).requireSlots(Set.of("errors"), REPAIR_SLOTS),
        REPAIR_RAW, loader.apply(REPAIR_RAW).requireSlots(Set.of("previous_prompt", "errors"), REPAIR_RAW_SLOTS));
  }

  /** The templates packaged in the jar. */
  public static PromptLibrary packaged() {
    return new PromptLibrary(PromptTemplate::fromClasspath);
  }

  /** Templates from {@code dir} where it has {@code NAME.txt}, the packaged ones elsewhere. */
  public static PromptLibrary withOverrides(Path dir) {
    Objects.requireNonNull(dir, "dir");
    return new PromptLibrary(name -> PromptTemplate.load(name, dir));
  }

  /** DeepSeek-Prover-V2's chain-of-thought prompt: a proof plan, then the Lean 4 proof. */
  public Prompt cot(ProofTask task) {
    return Prompt.chat(COT, List.of(ChatMessage.user(render(COT, taskValues(task)))));
  }

  /** DeepSeek-Prover-V2's non-CoT prompt: the code block alone. */
  public Prompt noncot(ProofTask task) {
    return Prompt.chat(NONCOT, List.of(ChatMessage.user(render(NONCOT, taskValues(task)))));
  }

  /** DeepSeek-Prover-V1.5's completion prompt, to send with no chat template; the model continues after {@code := by}. */
  public Prompt raw(ProofTask task) {
    return Prompt.raw(RAW, render(RAW, taskValues(task)));
  }

  /** Asks for a sketch: {@code have name : P := by sorry} steps and a final step that closes the goal. */
  public Prompt sketch(ProofTask task) {
    return Prompt.chat(SKETCH, List.of(ChatMessage.user(render(SKETCH, taskValues(task)))));
  }

  /**
   * The next repair round of a chat prompt: its history, the model's failed answer, and the
   * error feedback. The round number Goedel-Prover-V2 puts in the feedback counts the failed
   * answers before this one, so the first repair says Round 0.
   */
  public Prompt repair(Prompt previous, String previousOutput, RepairFeedback feedback) {
    if (previous.raw()) {
      throw new IllegalArgumentException(
          "repair continues a chat prompt; " + previous.templateId() + " is raw, use repairRaw");
    }
    long round = previous.messages().stream().filter(m -> m.role() == ChatMessage.Role.ASSISTANT).count();
    List<ChatMessage> messages = new ArrayList<>(previous.messages());
    messages.add(ChatMessage.assistant(previousOutput));
    messages.add(ChatMessage.user(render(REPAIR, Map.of("round", Long.toString(round), "errors", feedback.text()))));
    return Prompt.chat(REPAIR, messages);
  }

  /**
   * The next repair round of a raw completion prompt: the previous prompt and attempt, Lean's
   * errors as {@code --} comments, then the statement again for the model to continue.
   */
  public Prompt repairRaw(Prompt previous, ProofTask task, String previousOutput, RepairFeedback feedback) {
    if (!previous.raw()) {
      throw new IllegalArgumentException(
          "repairRaw continues a raw prompt; " + previous.templateId() + " is a chat, use repair");
    }
    int fence = previousOutput.indexOf(FENCE);
    String attempt = (fence < 0 ? previousOutput : previousOutput.substring(0, fence)).stripTrailing();
    Map<String, String> values = Map.of(
        "previous_prompt", previous.messages().get(0).content(),
        "previous_attempt", attempt,
        "errors", feedback.asLeanComments(),
        "header", task.header(),
        "informal_prefix", task.informalPrefix(),
        "statement", task.statement());
    return Prompt.raw(REPAIR_RAW, render(REPAIR_RAW, values));
  }

  private String render(String template, Map<String, String> values) {
    return templates.get(template).render(values);
  }

  private static Map<String, String> taskValues(ProofTask task) {
    return Map.of(
        "header", task.header(),
        "informal_prefix", task.informalPrefix(),
        "statement", task.statement());
  }
}
