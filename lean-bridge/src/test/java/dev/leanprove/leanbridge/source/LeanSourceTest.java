package dev.leanprove.leanbridge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanprove.leanbridge.message.Position;
import dev.leanprove.leanbridge.work.ThreadWork;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

final class LeanSourceTest {

  private static final String HEADER =
      "import Mathlib\nimport Aesop\n\nset_option maxHeartbeats 400000\n\nopen BigOperators Real Nat Topology Rat\n\n";

  private static Declaration only(LeanSource source) {
    assertThat(source.theorems()).hasSize(1);
    return source.theorems().get(0);
  }

  @Test
  void parse_emptyText_hasNothing() {
    LeanSource source = LeanSource.parse("");
    assertThat(source.theorems()).isEmpty();
    assertThat(source.header()).isEqualTo(new Header("", 0));
    assertThat(source.body()).isEmpty();
    assertThat(source.sorryOffsets()).isEmpty();
    assertThat(source.declarationAt(0)).isEmpty();
  }

  @Test
  void commands_fileWithHeaderDocCommentsAndAttributes_splitsIntoCommands() {
    String code = "import Mathlib\nopen Real\n\n/-- doc\n\nmore -/\n@[simp]\nlemma a : True := by\n  trivial\n"
        + "-- a comment at column 0\n/- theorem commented_out : False := by\n-/\ntheorem b : True := trivial\n#print axioms b\n";

    List<TopLevelCommand> commands = LeanSource.parse(code).commands();

    assertThat(commands).extracting(TopLevelCommand::keyword)
        .containsExactly("import", "open", "lemma", "theorem", "#print");
    assertThat(commands).extracting(TopLevelCommand::name)
        .containsExactly("Mathlib", "Real", "a", "b", "axioms");
    TopLevelCommand lemma = commands.get(2);
    assertThat(code.substring(lemma.start(), lemma.end())).startsWith("/-- doc").contains("@[simp]\nlemma a")
        .endsWith("column 0\n/- theorem commented_out : False := by\n-/\n");
    assertThat(code.substring(commands.get(0).start(), commands.get(0).end())).isEqualTo("import Mathlib\n");
    assertThat(commands).extracting(TopLevelCommand::declaresTheorem).containsExactly(false, false, true, true, false);
  }

  @Test
  void commands_prefixesAndModuleDoc_belongToTheirCommand() {
    String code = "/-! module doc -/\nopen Real in\nset_option maxHeartbeats 0 in\nprivate example : True := trivial\n"
        + "namespace Foo.Bar\n@[simp]\n";

    List<TopLevelCommand> commands = LeanSource.parse(code).commands();

    assertThat(commands).extracting(TopLevelCommand::keyword).containsExactly("", "example", "namespace");
    assertThat(commands).extracting(TopLevelCommand::name).containsExactly("", "", "Foo.Bar");
    assertThat(commands.get(0)).isEqualTo(new TopLevelCommand(0, 18, 18, "", ""));
    assertThat(commands.get(1).start()).isEqualTo(code.indexOf("open"));
    assertThat(commands.get(1).keywordStart()).isEqualTo(code.indexOf("example"));
    // The trailing attribute has no command to belong to, so the namespace ends where it begins.
    assertThat(commands.get(2).end()).isEqualTo(code.indexOf("@[simp]"));
  }

  @Test
  void commands_docCommentsBeforeNoCommand_haveNoKeyword() {
    String code = "/-! doc -/\n  simp\n/-- doc -/\nnlinarith [sq_nonneg x]\n";

    List<TopLevelCommand> commands = LeanSource.parse(code).commands();

    assertThat(commands).containsExactly(
        new TopLevelCommand(0, 18, 18, "", ""), new TopLevelCommand(18, code.length(), code.length(), "", ""));
  }

  @Test
  void commands_noCommand_isEmpty() {
    assertThat(LeanSource.parse("  simp\n  ring\n").commands()).isEmpty();
    assertThat(LeanSource.parse("").commands()).isEmpty();
  }

  @Test
  void topLevelCommand_badOffsets_throw() {
    assertThatThrownBy(() -> new TopLevelCommand(-1, 0, 0, "", "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TopLevelCommand(5, 9, 4, "theorem", "t")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TopLevelCommand(0, 3, 4, "theorem", "t")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TopLevelCommand(0, 3, 0, null, "t")).isInstanceOf(NullPointerException.class);
  }

  @Test
  void parse_null_throws() {
    assertThatThrownBy(() -> LeanSource.parse(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void parse_nulAndLoneSurrogates_stillFindsTheTheorem() {
    String text = "\0\uD835 junk\ntheorem t\uDD5C (x : ℕ\0) : x = x := by\n  \uD835 sorry\n\0";
    LeanSource source = LeanSource.parse(text);
    Declaration d = only(source);
    assertThat(d.name()).isEqualTo("t");
    assertThat(d.statement()).isEqualTo("theorem t\uDD5C (x : ℕ\0) : x = x");
    assertThat(d.proof()).startsWith("by").contains("\uD835 sorry");
    assertThat(source.sorryOffsets()).containsExactly(text.indexOf("sorry"));
  }

  @Test
  void parse_garbageAndTruncatedTexts_neverThrow() {
    List<String> texts = List.of(
        "theorem", "theorem ", "theorem t", "theorem t :", "theorem t : P :=", "example",
        "theorem t (x : ℕ := ", "theorem t : (((( := by", "theorem t : )))) := by simp",
        "@[", "@[simp", "/--", "/-- doc", "/-- doc -/", "open X in", "namespace", "end", "end A.B.C",
        "theorem «", "theorem «t» : P := by\n  exact '", "theorem t : P\n  |", "theorem t : P\n  | 0 =>",
        "\n\n\n", "\r\n", "«»", "theorem _root_. : P := h");
    for (String text : texts) {
      LeanSource source = LeanSource.parse(text);
      for (Declaration d : source.theorems()) {
        assertThat(d.end()).as("end within %s", text).isLessThanOrEqualTo(text.length());
        assertThat(source.replaceProof(d, "by simp")).as("replaced in %s", text).contains("by simp");
      }
    }
  }

  @Test
  void parse_truncatedStatement_givesDeclarationWithoutProof() {
    String text = "theorem t (x : ℕ) (h : x";
    Declaration d = only(LeanSource.parse(text));
    assertThat(d.statement()).isEqualTo(text);
    assertThat(d.proof()).isEmpty();
    assertThat(d.proofStart()).isEqualTo(d.end()).isEqualTo(text.length());
  }

  @Test
  void parse_minif2fStyle_splitsHeaderStatementAndProof() {
    String statement = "theorem mathd_algebra_10 (x : ℝ) (h₀ : x ≠ 0) :\n  abs ((120 : ℝ) / 100 * 30 - 130) = 94";
    String text = HEADER + statement + " := by\n  sorry\n";
    LeanSource source = LeanSource.parse(text);
    Declaration d = only(source);
    assertThat(d.kind()).isEqualTo(DeclarationKind.THEOREM);
    assertThat(d.name()).isEqualTo("mathd_algebra_10");
    assertThat(d.statement()).isEqualTo(statement);
    assertThat(d.start()).isEqualTo(d.keywordStart()).isEqualTo(HEADER.length());
    assertThat(d.proofStart()).isEqualTo(HEADER.length() + statement.length() + " :=".length());
    assertThat(d.proof()).isEqualTo("by\n  sorry");
    assertThat(d.end()).isEqualTo(text.length() - 1);
    assertThat(d.line()).isEqualTo(8);
    assertThat(source.header().text()).isEqualTo(HEADER);
    assertThat(source.body()).isEqualTo(statement + " := by\n  sorry\n");
    assertThat(source.sorryOffsets()).containsExactly(text.indexOf("sorry"));
  }

  @Test
  void parse_defaultArgumentsAndStructureInstances_skipBracketedAssign() {
    String statement = "theorem t (n : ℕ := 3) [inst : Foo := bar] {m : ℕ := 2} ⦃k : ℕ := 1⦄ ⟨a := b⟩ :\n"
        + "    ({ x := n } : S).x = n";
    Declaration d = only(LeanSource.parse(statement + " := by\n  rfl"));
    assertThat(d.statement()).isEqualTo(statement);
    assertThat(d.proof()).isEqualTo("by\n  rfl");
  }

  @Test
  void parse_assignInCommentOrStringOfStatement_isSkipped() {
    String statement = "theorem t (s : String) -- note := here\n  /- := -/ (h : s = \":=\") :\n  s.length = 2";
    Declaration d = only(LeanSource.parse(statement + " := by simp [h]"));
    assertThat(d.statement()).isEqualTo(statement);
    assertThat(d.proof()).isEqualTo("by simp [h]");
  }

  @Test
  void parse_commentBeforeAssign_isTrimmedFromStatement() {
    Declaration d = only(LeanSource.parse("theorem t : True -- trailing\n  := trivial"));
    assertThat(d.statement()).isEqualTo("theorem t : True");
    assertThat(d.proof()).isEqualTo("trivial");
  }

  @Test
  void parse_letAndHaveInStatement_skipTheirAssign() {
    Declaration d = only(LeanSource.parse("theorem t : let x := 3; have h : x = 3 := rfl; x = 3 := by\n  rfl"));
    assertThat(d.statement()).isEqualTo("theorem t : let x := 3; have h : x = 3 := rfl; x = 3");
    assertThat(d.proof()).isEqualTo("by\n  rfl");
  }

  @Test
  void parse_equationStyle_proofStartsAtFirstEquation() {
    String statement = "theorem t : ∀ n : ℕ, 0 + n = n";
    String equations = "| 0 => rfl\n  | n + 1 => by simp";
    String text = statement + "\n  " + equations + "\n";
    Declaration d = only(LeanSource.parse(text));
    assertThat(d.statement()).isEqualTo(statement);
    assertThat(d.proofStart()).isEqualTo(text.indexOf('|'));
    assertThat(d.proof()).isEqualTo(equations);
  }

  @Test
  void parse_absoluteValueStartingALine_isPartOfTheStatement() {
    String statement = "theorem t (x : ℝ) :\n    |x| + |x - 1| ≥ 0";
    Declaration d = only(LeanSource.parse(statement + " := by\n  positivity"));
    assertThat(d.statement()).isEqualTo(statement);
    assertThat(d.proof()).isEqualTo("by\n  positivity");
  }

  @Test
  void parse_declarationWithoutProof_hasEmptyProofAtStatementEnd() {
    String text = "theorem t : True\n\n-- a comment\n";
    Declaration d = only(LeanSource.parse(text));
    assertThat(d.statement()).isEqualTo("theorem t : True");
    assertThat(d.proof()).isEmpty();
    assertThat(d.proofStart()).isEqualTo(d.end()).isEqualTo("theorem t : True".length());
  }

  @Test
  void parse_docstringAttributesAndModifiers_startAtTheDocstring() {
    String decl = "/-- A doc with theorem fake : False := sorry\n-/\n@[simp, norm_num]\nprivate nonrec theorem t : 1 = 1 := rfl";
    String text = HEADER + decl + "\n";
    Declaration d = only(LeanSource.parse(text));
    assertThat(d.start()).isEqualTo(HEADER.length());
    assertThat(d.keywordStart()).isEqualTo(text.indexOf("theorem t"));
    assertThat(d.name()).isEqualTo("t");
    assertThat(d.proof()).isEqualTo("rfl");
    assertThat(LeanSource.parse(text).header().end()).isEqualTo(HEADER.length());
  }

  @Test
  void parse_modifiersOnOneLine_startAtTheLine() {
    String text = "@[simp] protected noncomputable theorem t : 1 = 1 := rfl\n";
    Declaration d = only(LeanSource.parse(text));
    assertThat(d.start()).isZero();
    assertThat(d.keywordStart()).isEqualTo(text.indexOf("theorem"));
  }

  @Test
  void parse_openInAndSetOptionIn_areDeclarationPrefixes() {
    String decls = "open Real in\nset_option maxHeartbeats 400000 in\ntheorem a : π > 0 := by positivity\n\n"
        + "open Nat in theorem b : 0 < 1 := by decide\n";
    String text = HEADER + decls;
    LeanSource source = LeanSource.parse(text);
    assertThat(source.theorems()).extracting(Declaration::name).containsExactly("a", "b");
    assertThat(source.theorems().get(0).start()).isEqualTo(HEADER.length());
    assertThat(source.theorems().get(1).start()).isEqualTo(text.indexOf("open Nat in"));
    assertThat(source.theorems().get(1).keywordStart()).isEqualTo(text.indexOf("theorem b"));
    assertThat(source.header().end()).isEqualTo(HEADER.length());
  }

  @Test
  void parse_variableInWithBigOperator_findsTheTopLevelIn() {
    String text = "variable (h : ∑ i in Finset.range 3, i = 3) in\ntheorem t : True := trivial\n";
    Declaration d = only(LeanSource.parse(text));
    assertThat(d.start()).isZero();
    assertThat(d.name()).isEqualTo("t");
  }

  @Test
  void parse_severalDeclarations_endsExcludeTrailingCommentsAndBlankLines() {
    String first = "theorem a : True := by\n  -- inside\n  trivial";
    String second = "lemma b : True := trivial";
    String third = "example : 2 = 2 := rfl";
    String text = first + "\n\n-- between\n/- block\n   comment -/\n\n" + second + "  -- same line\n" + third;
    LeanSource source = LeanSource.parse(text);
    assertThat(source.theorems()).extracting(Declaration::kind)
        .containsExactly(DeclarationKind.THEOREM, DeclarationKind.LEMMA, DeclarationKind.EXAMPLE);
    Declaration a = source.theorems().get(0);
    Declaration b = source.theorems().get(1);
    Declaration c = source.theorems().get(2);
    assertThat(a.end()).isEqualTo(first.length());
    assertThat(a.proof()).isEqualTo("by\n  -- inside\n  trivial");
    assertThat(b.start()).isEqualTo(text.indexOf(second));
    assertThat(b.end()).isEqualTo(text.indexOf(second) + second.length());
    assertThat(c.name()).isEmpty();
    assertThat(c.displayName()).isEqualTo("example@" + (text.substring(0, text.indexOf(third)).split("\n", -1).length));
    assertThat(c.end()).isEqualTo(text.length());
  }

  @Test
  void parse_proofEndingInStringLiteral_keepsTheLiteral() {
    Declaration d = only(LeanSource.parse("theorem t : \"a\".length = 1 := by\n  exact (rfl : \"a\".length = \"b\".length) -- c\n"));
    assertThat(d.proof()).isEqualTo("by\n  exact (rfl : \"a\".length = \"b\".length)");
  }

  @Test
  void parse_indentedKeywordsAndCommentedCommands_doNotStartCommands() {
    String text = "theorem t : True := by\n  have : True := by\n    trivial\n  theorem_like_name\n"
        + "/-\ntheorem hidden : False := sorry\n-/\n  trivial\n-- theorem also_hidden : False := sorry\n";
    Declaration d = only(LeanSource.parse(text));
    assertThat(d.proof()).endsWith("  trivial");
    assertThat(d.end()).isEqualTo(text.indexOf("\n-- theorem also_hidden"));
  }

  @Test
  void parse_otherCommands_endTheDeclaration() {
    String text = "theorem a : True := trivial\n#eval 1\ndef f := 1\ntheorem b : True := trivial\n#print axioms b\n";
    LeanSource source = LeanSource.parse(text);
    assertThat(source.theorems()).extracting(Declaration::proof).containsExactly("trivial", "trivial");
    assertThat(source.theorems().get(0).end()).isEqualTo(text.indexOf("\n#eval"));
    assertThat(source.theorems().get(1).end()).isEqualTo(text.indexOf("\n#print"));
  }

  @Test
  void parse_namespacesAndSections_qualifyNames() {
    String text = "namespace A.B\nsection S\ntheorem x : True := trivial\nend S\nnamespace C\n"
        + "lemma y : True := trivial\ntheorem _root_.z : True := trivial\nend C\nend A.B\n"
        + "noncomputable section\ntheorem w : True := trivial\nend\nmutual\ntheorem m : True := trivial\nend\n"
        + "theorem Q.v : True := trivial\nend\nend\n";
    LeanSource source = LeanSource.parse(text);
    assertThat(source.theorems()).extracting(source::qualifiedName)
        .containsExactly("A.B.x", "A.B.C.y", "z", "w", "m", "Q.v");
    assertThat(source.theorem("A.B.C.y")).map(Declaration::name).contains("y");
    assertThat(source.theorem("y")).map(source::qualifiedName).contains("A.B.C.y");
    assertThat(source.theorem("z")).map(Declaration::name).contains("_root_.z");
    assertThat(source.theorem("A.x")).isEmpty();
    assertThat(source.theorem("")).isEmpty();
  }

  @Test
  void qualifiedName_foreignDeclarationOrExample_givesNameAsWritten() {
    LeanSource source = LeanSource.parse("namespace N\nexample : True := trivial\ntheorem t : True := trivial\n");
    assertThat(source.qualifiedName(source.theorems().get(0))).isEmpty();
    Declaration foreign = new Declaration(DeclarationKind.THEOREM, "t", 0, 0, 1, 1, "theorem t", "x");
    assertThat(source.qualifiedName(foreign)).isEqualTo("t");
  }

  @Test
  void parse_guillemetName_keptAsWritten() {
    LeanSource source = LeanSource.parse("theorem «my theorem» : True := by\n  exact «sorry»\n");
    Declaration d = only(source);
    assertThat(d.name()).isEqualTo("«my theorem»");
    assertThat(source.theorem("«my theorem»")).contains(d);
    assertThat(source.sorryOffsets()).isEmpty();
  }

  @Test
  void sorryOffsets_onlyRealSorryTokens() {
    String text = "theorem t : True := by\n  -- sorry\n  /- sorry -/\n  have h := sorryAx True\n"
        + "  have h_sorry : True := trivial\n  exact «sorry»\n  trace \"sorry\"\n  sorry\n";
    LeanSource source = LeanSource.parse(text);
    assertThat(source.sorryOffsets()).containsExactly(text.lastIndexOf("sorry"));
    assertThat(source.admitOffsets()).isEmpty();
  }

  @Test
  void admitOffsets_findsAdmitOutsideComments() {
    String text = "theorem t : True := by\n  -- admit\n  admit\n";
    assertThat(LeanSource.parse(text).admitOffsets()).containsExactly(text.lastIndexOf("admit"));
  }

  @Test
  void declarationAt_offsetsInsideAroundAndBetween() {
    String text = HEADER + "/-- doc -/\ntheorem a : True := trivial\n\n\ntheorem b : True := trivial\n";
    LeanSource source = LeanSource.parse(text);
    Declaration a = source.theorems().get(0);
    Declaration b = source.theorems().get(1);
    assertThat(source.declarationAt(text.indexOf("doc"))).contains(a);
    assertThat(source.declarationAt(a.end())).contains(a);
    assertThat(source.declarationAt(a.end() + 1)).isEmpty();
    assertThat(source.declarationAt(b.keywordStart())).contains(b);
    assertThat(source.declarationAt(0)).isEmpty();
    assertThat(source.declarationAt(-1)).isEmpty();
    assertThat(source.declarationAt(text.length() + 10)).isEmpty();
  }

  @Test
  void positionAtAndOffsetOf_unicodeColumns() {
    String text = "theorem t (x : ℝ) (h₁ : x = 𝕜) :\n  𝕜 = x := by\n  sorry";
    LeanSource source = LeanSource.parse(text);
    int sorry = source.sorryOffsets().get(0);
    assertThat(source.positionAt(sorry)).isEqualTo(new Position(3, 2));
    int secondLine = text.indexOf("= x");
    assertThat(source.positionAt(secondLine)).isEqualTo(new Position(2, 4));
    assertThat(source.offsetOf(new Position(2, 4))).isEqualTo(secondLine);
    assertThat(source.positionAt(text.indexOf(") :"))).isEqualTo(new Position(1, 29));
  }

  @Test
  void header_variants() {
    assertThat(LeanSource.parse("theorem t : True := trivial").header().end()).isZero();
    String onlyHeader = "/-! module doc -/\nimport Mathlib\n-- note\nopen Real\n";
    assertThat(LeanSource.parse(onlyHeader).header().text()).isEqualTo(onlyHeader);
    String comments = "-- just a comment\n/- and a block -/\n";
    assertThat(LeanSource.parse(comments).header().text()).isEqualTo(comments);
    String garbage = "-- c\nfoo bar\nimport Mathlib\ntheorem t : True := trivial\n";
    assertThat(LeanSource.parse(garbage).header().text()).isEqualTo("-- c\n");
    String withNamespace = "import Mathlib\nnamespace N\ntheorem t : True := trivial\nend N\n";
    assertThat(LeanSource.parse(withNamespace).header().text()).isEqualTo("import Mathlib\n");
  }

  @Test
  void replaceProof_sorryByMultiLineProof_keepsStatementAndTail() {
    String statement = "theorem t (x : ℝ) (h₀ : 0 < x) :\n  0 < x ^ 2";
    String tail = "\n\n-- after\ntheorem u : True := trivial\n";
    String text = HEADER + statement + " := by sorry" + tail;
    LeanSource source = LeanSource.parse(text);
    String replaced = source.replaceProof(source.theorem("t").orElseThrow(), "\nby\n  positivity\n\n");
    assertThat(replaced).isEqualTo(HEADER + statement + " := by\n  positivity" + tail);
    LeanSource again = LeanSource.parse(replaced);
    assertThat(again.theorem("t").orElseThrow().statement()).isEqualTo(statement);
    assertThat(again.theorem("t").orElseThrow().proof()).isEqualTo("by\n  positivity");
    assertThat(TheoremLocator.targets(again)).isEmpty();
  }

  @Test
  void replaceProof_equationStyleOrMissingProof_addsAssign() {
    String text = "theorem t : ∀ n : ℕ, 0 + n = n\n  | 0 => rfl\n  | n + 1 => by simp\n";
    LeanSource source = LeanSource.parse(text);
    assertThat(source.replaceProof(only(source), "by\n  intro n\n  simp"))
        .isEqualTo("theorem t : ∀ n : ℕ, 0 + n = n := by\n  intro n\n  simp\n");
    LeanSource bare = LeanSource.parse("theorem t : True\n");
    assertThat(bare.replaceProof(only(bare), "trivial")).isEqualTo("theorem t : True := trivial\n");
  }

  @Test
  void replaceEveryProof_fileOfMixedDeclarations_equalsReplacingEachInTurn() {
    String text = HEADER + "/-- doc -/\ntheorem a : True := by\n  trivial\n\ndef d : ℕ := 2\n\n"
        + "namespace N\nlemma b : d = 2 := rfl -- tail\nend N\n\ntheorem c : ∀ n : ℕ, 0 + n = n\n  | 0 => rfl\n  | n + 1 => by simp\n"
        + "example : True := trivial\ntheorem e : True\n";
    String oneByOne = text;
    for (int k = LeanSource.parse(text).theorems().size() - 1; k >= 0; k--) {
      LeanSource current = LeanSource.parse(oneByOne);
      oneByOne = current.replaceProof(current.theorems().get(k), "by sorry");
    }

    assertThat(LeanSource.parse(text).replaceEveryProof("by sorry")).isEqualTo(oneByOne).contains("lemma b : d = 2 := by sorry -- tail");
  }

  @Test
  void replaceProof_declarationPastTheText_throws() {
    LeanSource source = LeanSource.parse("theorem t : True := trivial");
    Declaration foreign = new Declaration(DeclarationKind.THEOREM, "t", 0, 0, 40, 50, "theorem t : True", "x");
    assertThatThrownBy(() -> source.replaceProof(foreign, "rfl"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("past the text");
    assertThatThrownBy(() -> source.replaceProof(only(source), null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void parse_byteOrderMarkAndCrlf_handledLikePlainText() {
    String text = "\uFEFFimport Mathlib\r\n\r\ntheorem t : True := by\r\n  trivial\r\n\r\nexample : True := trivial\r\n";
    LeanSource source = LeanSource.parse(text);
    assertThat(source.header().text()).isEqualTo("\uFEFFimport Mathlib\r\n\r\n");
    assertThat(source.theorems()).extracting(Declaration::proof).containsExactly("by\r\n  trivial", "trivial");
    assertThat(source.theorems().get(0).end()).isEqualTo(text.indexOf("\r\n\r\nexample"));
  }

  @Test
  void findToken_forbiddenCommands_foundOutsideComments() {
    String text = "theorem t : True := by\n  exact? -- apply?\n  trivial\n#exit\n-- #exit\n";
    LeanSource source = LeanSource.parse(text);
    assertThat(source.findToken("exact?")).containsExactly(text.indexOf("exact?"));
    assertThat(source.findToken("apply?")).isEmpty();
    assertThat(source.findToken("#exit")).containsExactly(text.indexOf("#exit"));
  }

  @Test
  void parse_randomTokenSoup_neverThrowsAndKeepsInvariants() {
    String[] pieces = {
        "\ntheorem ", "\nlemma ", "\nexample ", "theorem ", "\n@[simp] ", "\nnamespace N", "\nend", "t", "h₁", "𝕜", " : ", ":=", " := by\n", "  ", "\n", "(", ")",
        "[", "]", "{", "}", "⦃", "⟨", "⟩", "/-", "-/", "/--", "/-!", "--", "\"", "'", "\\", "«", "»", "|",
        " => ", "@[", "namespace ", "section ", "end", "open X in ", "sorry", "admit", "let ", "\0",
        "\uD835", "\uDD5C", "\r\n", "r#\"", "#eval ", "."};
    Random random = new Random(20240601L);
    int declarations = 0;
    for (int round = 0; round < 3000; round++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(40);
      for (int k = 0; k < length; k++) {
        sb.append(pieces[random.nextInt(pieces.length)]);
      }
      String text = sb.toString();
      LeanSource source = LeanSource.parse(text);
      assertThat(LeanText.blankCommentsAndStrings(text)).hasSameSizeAs(text);
      int previousEnd = -1;
      for (Declaration d : source.theorems()) {
        assertThat(d.start()).as("ordered in %s", text).isGreaterThan(previousEnd);
        assertThat(d.end()).as("within %s", text).isLessThanOrEqualTo(text.length());
        assertThat(text.substring(d.proofStart(), d.end()).strip()).isEqualTo(d.proof());
        assertThat(source.declarationAt(d.keywordStart())).contains(d);
        assertThat(source.replaceProof(d, "by simp")).contains(" by simp");
        assertThat(source.qualifiedName(d)).endsWith(d.name().replace("_root_.", ""));
        previousEnd = d.end();
        declarations++;
      }
      assertThat(source.header().end()).isBetween(0, text.length());
      for (int offset : source.sorryOffsets()) {
        assertThat(text.startsWith("sorry", offset)).isTrue();
        assertThat(source.offsetOf(source.positionAt(offset))).isEqualTo(offset);
      }
    }
    assertThat(declarations).as("declarations the soup produced").isGreaterThan(1000);
  }

  private static String theorems(int count) {
    StringBuilder sb = new StringBuilder(HEADER);
    for (int i = 0; i < count; i++) {
      sb.append("/-- doc -/\ntheorem t_").append(i)
          .append(" (x : ℝ) (h₀ : 0 < x) : 0 < x ^ 2 := by\n  -- comment sorry\n  nlinarith [sq_nonneg x]\n\n");
    }
    return sb.toString();
  }

  // Growth is counted in the parsing thread's CPU time, which a loaded machine does not inflate.
  @Test
  void parse_megabytesOfTheorems_isLinear() {
    double growth = ThreadWork.cpuGrowth(n -> {
      String text = theorems(n);
      return () -> LeanSource.parse(text);
    }, 1_500);

    assertThat(growth).isLessThan(ThreadWork.LINEAR_BOUND);
    int count = 1_500 * ThreadWork.FACTOR;
    LeanSource source = LeanSource.parse(theorems(count));
    assertThat(source.text().length()).isGreaterThan(1_000_000);
    assertThat(source.theorems()).hasSize(count);
    assertThat(source.sorryOffsets()).isEmpty();
    assertThat(source.theorem("t_" + (count - 1))).isPresent();
  }

  @Test
  void parse_megabytesOfPathologicalText_isLinear() {
    List<IntFunction<String>> texts = List.of(
        n -> "theorem t : " + "(".repeat(250 * n),
        n -> "/-".repeat(125 * n),
        n -> "namespace A\ntheorem t : True := trivial\n".repeat(6 * n),
        n -> "theorem t : P\n" + "  | x\n".repeat(40 * n),
        n -> "open A\n".repeat(40 * n),
        n -> "«'\"".repeat(90 * n));
    for (IntFunction<String> text : texts) {
      double growth = ThreadWork.cpuGrowth(n -> {
        String t = text.apply(n);
        return () -> assertThat(LeanSource.parse(t).text()).isSameAs(t);
      }, 1_000);

      assertThat(growth).as("growth of %s…", text.apply(1).substring(0, 12)).isLessThan(ThreadWork.LINEAR_BOUND);
    }
  }
}
