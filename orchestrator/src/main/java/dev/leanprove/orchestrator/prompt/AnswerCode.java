package dev.leanprove.orchestrator.prompt;

import dev.leanprove.leanbridge.source.Declaration;
import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.source.TopLevelCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Lean code of a model's answer, cut into top-level commands by lean-bridge's {@link LeanSource}
 * and read the way extraction needs.
 *
 * <p>Two departures from {@link LeanSource#commands()}, both because this is an answer rather than
 * a file: a header command ({@code import}, {@code open}, {@code set_option}) is one line, so that a
 * bare tactic script written under it (a non-CoT answer) is stray text rather than part of it; and a
 * command without a keyword, a module doc, holds nothing to extract, so it counts as stray text too.
 */
final class AnswerCode {

  /** Header commands that the orchestrator supplies itself, so a model's copy is dropped. */
  private static final Set<String> HEADER_KEYWORDS = Set.of("import", "set_option", "open");

  private final String code;
  private final LeanSource source;
  private final List<TopLevelCommand> commands;

  private AnswerCode(String code, LeanSource source, List<TopLevelCommand> commands) {
    this.code = code;
    this.source = source;
    this.commands = List.copyOf(commands);
  }

  static AnswerCode of(String code) {
    LeanSource source = LeanSource.parse(code);
    List<TopLevelCommand> commands = new ArrayList<>();
    for (TopLevelCommand command : source.commands()) {
      if (command.keyword().isEmpty()) {
        continue;
      }
      if (isHeader(command)) {
        int lineEnd = code.indexOf('\n', command.keywordStart());
        int end = lineEnd < 0 ? command.end() : Math.min(command.end(), lineEnd + 1);
        command = new TopLevelCommand(command.start(), end, command.keywordStart(), command.keyword(), command.name());
      }
      commands.add(command);
    }
    return new AnswerCode(code, source, commands);
  }

  static boolean isHeader(TopLevelCommand command) {
    return HEADER_KEYWORDS.contains(command.keyword());
  }

  List<TopLevelCommand> commands() {
    return commands;
  }

  /** The theorem, lemma or example that {@code command} (one that {@link TopLevelCommand#declaresTheorem()}) holds. */
  Declaration declaration(TopLevelCommand command) {
    return source.declarationAt(command.keywordStart()).orElseThrow();
  }

  String text(TopLevelCommand command) {
    return code.substring(command.start(), command.end());
  }

  /** The code outside every command, with header lines removed: a bare tactic script if the block holds one. */
  String strayText() {
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (TopLevelCommand command : commands) {
      out.append(code, at, command.start());
      at = command.end();
    }
    out.append(code.substring(at));
    return out.toString();
  }
}
