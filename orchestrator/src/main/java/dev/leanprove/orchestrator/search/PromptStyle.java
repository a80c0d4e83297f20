package dev.leanprove.orchestrator.search;

import dev.leanprove.orchestrator.engine.Prompt;
import dev.leanprove.orchestrator.prompt.Extraction;
import dev.leanprove.orchestrator.prompt.ProofExtractor;
import dev.leanprove.orchestrator.prompt.PromptLibrary;
import dev.leanprove.orchestrator.prompt.ProofTask;
import dev.leanprove.orchestrator.prompt.RepairFeedback;
import java.util.Locale;

/** How whole proofs are asked for, and so how answers are read and repairs phrased. */
public enum PromptStyle {
  /** DeepSeek-Prover-V2 chat prompt asking for a plan first (16K-32K tokens). */
  COT(PromptLibrary.COT),
  /** The same chat prompt without the plan sentences (2K-4K tokens). */
  NONCOT(PromptLibrary.NONCOT),
  /** DeepSeek-Prover-V1.5 raw completion: the model continues the code block. */
  RAW(PromptLibrary.RAW);

  private final String templateId;

  PromptStyle(String templateId) {
    this.templateId = templateId;
  }

  public String templateId() {
    return templateId;
  }

  /** Reads {@code cot}, {@code noncot} or {@code raw}. */
  public static PromptStyle fromName(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown prompt style \"" + name + "\" (expected cot, noncot or raw)");
    }
  }

  Prompt prompt(PromptLibrary prompts, ProofTask task) {
    switch (this) {
      case COT:
        return prompts.cot(task);
      case NONCOT:
        return prompts.noncot(task);
      default:
        return prompts.raw(task);
    }
  }

  /** A chat turn with the errors for chat styles; {@code --} comments continuing the code for raw. */
  Prompt repair(PromptLibrary prompts, Prompt previous, ProofTask task, String output, RepairFeedback feedback) {
    return this == RAW ? prompts.repairRaw(previous, task, output, feedback) : prompts.repair(previous, output, feedback);
  }

  String repairTemplateId() {
    return this == RAW ? PromptLibrary.REPAIR_RAW : PromptLibrary.REPAIR;
  }

  Extraction extract(String output, String theoremName) {
    return this == RAW ? ProofExtractor.extractContinuation(output) : ProofExtractor.extract(output, theoremName);
  }

  /** The style that wrote an attempt, from its prompt template id. */
  static PromptStyle ofTemplate(String templateId) {
    for (PromptStyle s : values()) {
      if (s.templateId.equals(templateId)) {
        return s;
      }
    }
    return templateId.equals(PromptLibrary.REPAIR_RAW) ? RAW : COT;
  }
}
