package dev.leanprove.leanbridge.source;

import dev.leanprove.leanbridge.message.Position;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed Lean file: its header, its theorems, lemmas and examples, and its {@code sorry}s.
 *
 * <p>Parsing never throws and takes time linear in the text, whatever the text: partial, malformed,
 * binary or huge. It assumes the layout of miniF2F, DeepSeek-Prover output and Mathlib: every
 * top-level command starts at column 0 and everything inside a proof is indented (see
 * {@link CommandSplitter}). Offsets are UTF-16 indexes into {@link #text()}; positions are Lean's.
 */
public final class LeanSource {

  private final String text;
  private final BlankedText blanked;
  private final LineIndex lines;
  private final Header header;
  private final List<TopLevelCommand> commands;
  private final List<Declaration> declarations;
  private final List<Scopes.Scope> scopes;
  private final List<Integer> sorryOffsets;
  private final List<Integer> admitOffsets;

  private LeanSource(
      String text, BlankedText blanked, LineIndex lines, Header header,
      List<TopLevelCommand> commands, List<Declaration> declarations, List<Scopes.Scope> scopes) {
    this.text = text;
    this.blanked = blanked;
    this.lines = lines;
    this.header = header;
    this.commands = Collections.unmodifiableList(commands);
    this.declarations = Collections.unmodifiableList(declarations);
    this.scopes = scopes;
    this.sorryOffsets = Collections.unmodifiableList(LeanText.findToken(blanked.text(), "sorry"));
    this.admitOffsets = Collections.unmodifiableList(LeanText.findToken(blanked.text(), "admit"));
  }

  /** Parses {@code text}; never throws on any text. */
  public static LeanSource parse(String text) {
    Objects.requireNonNull(text, "text");
    BlankedText blanked = LeanLexer.lex(text);
    LineIndex lines = LineIndex.of(text);
    List<Command> commands = CommandSplitter.split(blanked);
    DeclarationParser parser = new DeclarationParser(blanked, lines);
    Scopes open = new Scopes();
    List<TopLevelCommand> topLevel = new ArrayList<>();
    List<Declaration> declarations = new ArrayList<>();
    List<Scopes.Scope> scopes = new ArrayList<>();
    IdentifierReader names = new IdentifierReader(blanked.text());
    for (Command command : CommandSplitter.joinPrefixes(commands)) {
      String name = nameAfterHead(blanked, names, command);
      switch (command.kind()) {
        case DECLARATION:
          Declaration declaration = parser.parse(command);
          declarations.add(declaration);
          scopes.add(open.current());
          name = declaration.name();
          break;
        case NAMESPACE:
          open.openNamespace(name);
          break;
        case SECTION:
          open.openSection(name);
          break;
        case MUTUAL:
          open.openSection("");
          break;
        case END:
          open.close(name);
          break;
        default:
          break;
      }
      topLevel.add(new TopLevelCommand(command.start(), command.end(), command.headStart(), command.head(), name));
    }
    return new LeanSource(
        text, blanked, lines, headerOf(blanked, commands), topLevel, declarations, scopes);
  }

  /** The dotted name written after a command's keyword ({@code namespace Foo.Bar}), or "". */
  private static String nameAfterHead(BlankedText blanked, IdentifierReader names, Command command) {
    int from = blanked.skipLayout(command.headEnd(), command.end());
    int end = names.end(from);
    return end > from && end <= command.end() ? blanked.text().substring(from, end) : "";
  }

  private static Header headerOf(BlankedText blanked, List<Command> commands) {
    String text = blanked.original();
    int firstCommand = commands.isEmpty() ? text.length() : commands.get(0).start();
    int firstCode = blanked.skipLayout(0, firstCommand);
    int end;
    if (firstCode < firstCommand) {
      end = text.lastIndexOf('\n', firstCode) + 1;
    } else {
      end = text.length();
      for (Command command : commands) {
        if (!command.kind().belongsInHeader()) {
          end = command.start();
          break;
        }
      }
    }
    return new Header(text.substring(0, end), end);
  }

  public String text() {
    return text;
  }

  public Header header() {
    return header;
  }

  /** The text after the header. */
  public String body() {
    return text.substring(header.end());
  }

  /**
   * Every top-level command in text order, each running to where the next begins. Docstrings,
   * attributes, modifiers and {@code … in} prefixes belong to the command after them; when no command
   * follows them they belong to none, and neither does text before the first command.
   */
  public List<TopLevelCommand> commands() {
    return commands;
  }

  /** Every theorem, lemma and example, in text order, including those inside namespaces and sections. */
  public List<Declaration> theorems() {
    return declarations;
  }

  /**
   * The name Lean gives {@code d}: its name prefixed with the namespaces open where it is declared
   * ({@code Foo.bar} for {@code theorem bar} inside {@code namespace Foo}), as {@code #print axioms}
   * needs it. "" for an example; {@code d.name()} for a declaration not from this source.
   */
  public String qualifiedName(Declaration d) {
    Objects.requireNonNull(d, "d");
    int index = indexOf(d);
    return index < 0 ? d.name() : scopes.get(index).qualify(d.name());
  }

  /**
   * The namespace open where {@code d} is declared, dotted ({@code Foo.Bar}), "" at the root or for
   * a declaration not from this source: what a name generated for an example is qualified with.
   */
  public String namespaceOf(Declaration d) {
    Objects.requireNonNull(d, "d");
    int index = indexOf(d);
    if (index < 0) {
      return "";
    }
    String probe = scopes.get(index).qualify("_");
    return probe.length() > 2 ? probe.substring(0, probe.length() - 2) : "";
  }

  /**
   * The declaration named {@code name}: first one whose qualified name matches, else the first one
   * whose name as written matches.
   */
  public Optional<Declaration> theorem(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      return Optional.empty();
    }
    for (int k = 0; k < declarations.size(); k++) {
      Declaration d = declarations.get(k);
      if (!d.name().isEmpty() && name.endsWith(stripRoot(d.name()))
          && scopes.get(k).qualify(d.name()).equals(name)) {
        return Optional.of(d);
      }
    }
    return declarations.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  private static String stripRoot(String name) {
    return name.startsWith("_root_.") ? name.substring("_root_.".length()) : name;
  }

  /** Offsets of {@code sorry} tokens outside comments and strings, in order. */
  public List<Integer> sorryOffsets() {
    return sorryOffsets;
  }

  /** Offsets of {@code admit} tokens outside comments and strings, in order. */
  public List<Integer> admitOffsets() {
    return admitOffsets;
  }

  /**
   * Offsets of {@code token} as a whole token outside comments and strings (for forbidden commands
   * such as {@code #exit} or {@code apply?}); see {@link LeanText#findToken}.
   */
  public List<Integer> findToken(String token) {
    return LeanText.findToken(blanked.text(), token);
  }

  /** The declaration whose text, from its docstring to the end of its proof inclusive, holds {@code offset}. */
  public Optional<Declaration> declarationAt(int offset) {
    int low = 0;
    int high = declarations.size() - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (declarations.get(mid).start() <= offset) {
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    if (high < 0) {
      return Optional.empty();
    }
    Declaration d = declarations.get(high);
    return offset <= d.end() ? Optional.of(d) : Optional.empty();
  }

  public Position positionAt(int offset) {
    return lines.positionAt(offset);
  }

  public int offsetOf(Position p) {
    Objects.requireNonNull(p, "p");
    return lines.offsetOf(p);
  }

  /**
   * The whole text with {@code d}'s proof, {@code text[proofStart, end)}, replaced by a space and
   * {@code newProof} (a term or a {@code by} block, surrounding whitespace dropped). Everything
   * after the proof, including its trailing newlines and comments, is kept. An equation-style or
   * proofless declaration gets {@code :=} added after its statement.
   *
   * @throws IllegalArgumentException if {@code d} does not fit this text
   */
  public String replaceProof(Declaration d, String newProof) {
    Objects.requireNonNull(d, "d");
    Objects.requireNonNull(newProof, "newProof");
    if (d.end() > text.length()) {
      throw new IllegalArgumentException(
          "declaration " + d.displayName() + " ends at " + d.end() + ", past the text's " + text.length());
    }
    StringBuilder out = new StringBuilder(text.length() + newProof.length());
    int rest = splice(out, 0, d, newProof);
    return out.append(text, rest, text.length()).toString();
  }

  /**
   * The whole text with every declaration's proof replaced as {@link #replaceProof} replaces one, in
   * one pass over the text ({@code "by sorry"} gives the statements alone).
   */
  public String replaceEveryProof(String newProof) {
    Objects.requireNonNull(newProof, "newProof");
    StringBuilder out = new StringBuilder(text.length());
    int rest = 0;
    for (Declaration d : declarations) {
      rest = splice(out, rest, d, newProof);
    }
    return out.append(text, rest, text.length()).toString();
  }

  /** Appends the text from {@code from} up to {@code d}'s proof, then {@code newProof}; returns where the rest starts. */
  private int splice(StringBuilder out, int from, Declaration d, String newProof) {
    if (blanked.text().startsWith(":=", d.proofStart() - 2)) {
      out.append(text, from, d.proofStart());
    } else {
      out.append(text, from, blanked.trimLayout(d.keywordStart(), d.proofStart())).append(" :=");
    }
    out.append(' ').append(newProof.strip());
    return d.end();
  }

  private int indexOf(Declaration d) {
    int low = 0;
    int high = declarations.size() - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int cmp = Integer.compare(declarations.get(mid).keywordStart(), d.keywordStart());
      if (cmp < 0) {
        low = mid + 1;
      } else if (cmp > 0) {
        high = mid - 1;
      } else {
        return declarations.get(mid).equals(d) ? mid : -1;
      }
    }
    return -1;
  }
}
