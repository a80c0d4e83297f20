package dev.leanprove.orchestrator.search;

import dev.leanprove.leanbridge.source.Declaration;
import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.orchestrator.prompt.ProofTask;
import java.util.Objects;

/** One theorem to prove: the file it lives in, its declaration, and the task shown to models. */
public record ProofTarget(LeanSource source, Declaration declaration, ProofTask task) {

  public ProofTarget {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(declaration, "declaration");
    Objects.requireNonNull(task, "task");
  }

  /**
   * The target for one declaration. The model sees everything before the theorem (header and any
   * definitions it relies on), its docstring, and its statement ending {@code := by}.
   */
  public static ProofTarget of(LeanSource source, Declaration d) {
    String text = source.text();
    String before = text.substring(0, d.start());
    String prefix = text.substring(d.start(), d.keywordStart());
    String statement = d.statement() + " := by";
    if (!prefix.isEmpty() && !prefix.endsWith("\n")) {
      // Attributes or modifiers on the keyword's line (`@[simp] theorem`) belong to the statement.
      statement = prefix + statement;
      prefix = "";
    }
    if (!before.isEmpty() && !before.endsWith("\n")) {
      before = before + "\n";
    }
    return new ProofTarget(source, d, new ProofTask(before, prefix, statement));
  }

  /**
   * The fully qualified name ({@code B.foo} for {@code theorem foo} inside {@code namespace B}): the
   * key the verifier, the events and the results use, so theorems sharing a short name stay apart.
   */
  public String name() {
    return source.qualifiedName(declaration);
  }

  /** The name as written after {@code theorem}, as a model restates it in its answer. */
  public String writtenName() {
    return declaration.name();
  }
}
