package dev.leanprove.leanbridge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanprove.leanbridge.message.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class LeanTextTest {

  /** Asserts that blanking keeps {@code kept} verbatim, removes every {@code gone}, and keeps length and line breaks. */
  private static String assertBlanked(String text, List<String> kept, List<String> gone) {
    String blanked = LeanText.blankCommentsAndStrings(text);
    assertThat(blanked).hasSameSizeAs(text);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        assertThat(blanked.charAt(i)).as("line break at %d", i).isEqualTo(c);
      } else {
        assertThat(blanked.charAt(i)).as("char at %d", i).isIn(c, ' ');
      }
    }
    for (String k : kept) {
      int at = text.indexOf(k);
      assertThat(at).as("test text contains %s", k).isGreaterThanOrEqualTo(0);
      assertThat(blanked.substring(at, at + k.length())).as("kept %s", k).isEqualTo(k);
    }
    for (String g : gone) {
      int at = text.indexOf(g);
      assertThat(at).as("test text contains %s", g).isGreaterThanOrEqualTo(0);
      assertThat(blanked.substring(at, at + g.length())).as("blanked %s", g).isBlank();
    }
    return blanked;
  }

  @Test
  void blankCommentsAndStrings_lineComment_blanksToEndOfLineOnly() {
    assertBlanked("simp -- sorry here\nlinarith", List.of("simp", "\nlinarith"), List.of("-- sorry here"));
  }

  @Test
  void blankCommentsAndStrings_nestedBlockComment_blanksWholeNest() {
    String blanked = assertBlanked(
        "a /- x /- y -/ still comment -/ b", List.of("a ", " b"), List.of("/- x /- y -/ still comment -/"));
    assertThat(blanked.strip()).isEqualTo("a" + " ".repeat(31) + "b");
  }

  @Test
  void blankCommentsAndStrings_docAndModuleDocs_blanked() {
    assertBlanked(
        "/-! module\n doc -/\n/-- doc with /- nested -/ part -/\ntheorem t : True := trivial",
        List.of("theorem t : True := trivial"),
        List.of("/-! module", " doc -/", "/-- doc with /- nested -/ part -/"));
  }

  @Test
  void blankCommentsAndStrings_docCommentClosedRightAfterOpener_endsThere() {
    assertBlanked("/---/ x", List.of(" x"), List.of("/---/"));
  }

  @Test
  void blankCommentsAndStrings_stringWithEscapes_blanksWholeLiteral() {
    assertBlanked(
        "f \"a \\\" -- b /- \\\\\" c",
        List.of("f ", " c"),
        List.of("\"a \\\" -- b /- \\\\\""));
  }

  @Test
  void blankCommentsAndStrings_commentMarkersInsideString_areNotComments() {
    assertBlanked("s = \"--\" ∧ t = \"/-\" := rfl -/", List.of("s = ", " ∧ t = ", " := rfl -/"), List.of("\"--\"", "\"/-\""));
  }

  @Test
  void blankCommentsAndStrings_quoteInsideComment_doesNotOpenString() {
    assertBlanked("-- it's \"quoted\nx /- \" -/ y", List.of("\nx ", " y"), List.of("-- it's \"quoted", "/- \" -/"));
  }

  @Test
  void blankCommentsAndStrings_charLiterals_blankedButPrimesKept() {
    assertBlanked(
        "h' h'' refine' x 'a' '\\'' '\"' '\\n' '\\x41' '𝕜' y",
        List.of("h' h'' refine' x ", " y"),
        List.of("'a'", "'\\''", "'\"'", "'\\n'", "'\\x41'", "'𝕜'"));
  }

  @Test
  void blankCommentsAndStrings_lonePrime_isNotALiteral() {
    assertBlanked("f ' x -- c", List.of("f ' x "), List.of("-- c"));
  }

  @Test
  void blankCommentsAndStrings_rawStrings_blankedWithoutEscapes() {
    assertBlanked(
        "a r\"x\\\" b r#\"q \" -- \"# c",
        List.of("a ", " b ", " c"),
        List.of("r\"x\\\"", "r#\"q \" -- \"#"));
  }

  @Test
  void blankCommentsAndStrings_guillemetIdentifier_keepsContentVerbatim() {
    assertBlanked("«a -- \"b» c -- d", List.of("«a -- \"b» c "), List.of("-- d"));
  }

  @Test
  void blankCommentsAndStrings_unterminatedCommentAndString_blankToEnd() {
    assertBlanked("x /- open\n/- deeper -/\nno close", List.of("x "), List.of("/- open", "/- deeper -/", "no close"));
    assertBlanked("x \"open\nstill", List.of("x "), List.of("\"open", "still"));
  }

  @Test
  void blankCommentsAndStrings_crlfAndNewlinesInComments_kept() {
    assertBlanked("a /- 1\r\n2 -/\r\nb", List.of("a ", "\r\nb"), List.of("/- 1", "2 -/"));
  }

  @Test
  void blankCommentsAndStrings_surrogatePairInComment_becomesTwoSpaces() {
    String text = "-- 𝕜\nx";
    assertThat(LeanText.blankCommentsAndStrings(text)).isEqualTo("     \nx");
  }

  @Test
  void blankCommentsAndStrings_oddInput_neverThrowsAndKeepsLength() {
    List<String> odd = List.of(
        "", "-", "/", "/-", "--", "\"", "'", "'\\", "'\\u{", "r#", "r#\"", "«", "«»", "\0\0/-\0",
        "\uD835", "\uDD5C x", "x \uD835\uD835 -- \uDD5C\uD835", "'\uD835'", "\"\\");
    for (String text : odd) {
      assertThat(LeanText.blankCommentsAndStrings(text)).as("blanked %s", text).hasSameSizeAs(text);
    }
  }

  @Test
  void blankCommentsAndStrings_null_throws() {
    assertThatThrownBy(() -> LeanText.blankCommentsAndStrings(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void blankCommentsAndStringContents_lineAndNestedBlockComments_areBlankedKeepingOffsets() {
    String source = "simp -- sorry\n/- a /- b -/ sorry -/ rfl";

    String masked = LeanText.blankCommentsAndStringContents(source);

    assertThat(masked).hasSameSizeAs(source);
    assertThat(masked).isEqualTo("simp" + " ".repeat(9) + "\n" + " ".repeat(22) + "rfl");
  }

  @Test
  void blankCommentsAndStringContents_stringWithEscapesAndCommentMarkers_keepsOnlyQuotes() {
    String source = "have : \"a \\\" -- b\" = s := rfl -- c";

    assertThat(LeanText.blankCommentsAndStringContents(source)).isEqualTo("have : \"" + " ".repeat(9) + "\" = s := rfl     ");
    assertThat(LeanText.blankComments(source)).isEqualTo("have : \"a \\\" -- b\" = s := rfl     ");
  }

  @Test
  void blankCommentsAndStringContents_primedNamesAndCharLiterals_areToldApart() {
    String source = "exact h₁' (f' 'x') '\\n'";

    assertThat(LeanText.blankCommentsAndStringContents(source)).isEqualTo("exact h₁' (f' ' ') '  '");
  }

  @Test
  void blankCommentsAndStringContents_unterminatedCommentOrString_runsToEnd() {
    assertThat(LeanText.blankCommentsAndStringContents("rfl /- open\nsorry")).isEqualTo("rfl        \n     ");
    assertThat(LeanText.blankCommentsAndStringContents("rfl \"open\nsorry")).isEqualTo("rfl \"    \n     ");
  }

  @Test
  void blankCommentsAndStringContents_rawStrings_keepTheirDelimiters() {
    assertThat(LeanText.blankCommentsAndStringContents("a r#\"q \" -- \"# b r\"x"))
        .isEqualTo("a r#\"" + " ".repeat(7) + "\"# b r\" ");
  }

  @Test
  void blankCommentsAndStringContents_escapedQuoteAtEnd_isNoClosingQuote() {
    assertThat(LeanText.blankCommentsAndStringContents("x \"a\\\"")).isEqualTo("x \"   ");
  }

  @Test
  void blankComments_literalsAndCharLiterals_keptVerbatim() {
    String source = "f 'x' \"-- s\" r\"/-\" -- c\n/- d -/ g";

    assertThat(LeanText.blankComments(source)).isEqualTo("f 'x' \"-- s\" r\"/-\"     \n" + " ".repeat(7) + " g");
  }

  @Test
  void blankCommentsVariants_oddInput_neverThrowAndKeepLength() {
    List<String> odd = List.of("", "\"", "'", "'\\", "r#", "r#\"", "r#\"x\"", "\"\\", "\uD835\"\uDD5C");
    for (String text : odd) {
      assertThat(LeanText.blankComments(text)).as("without comments %s", text).isEqualTo(text);
      assertThat(LeanText.blankCommentsAndStringContents(text)).as("contents %s", text).hasSameSizeAs(text);
    }
  }

  @Test
  void blankCommentsVariants_null_throws() {
    assertThatThrownBy(() -> LeanText.blankComments(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> LeanText.blankCommentsAndStringContents(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void blank_docAndPlainComments_areToldApart() {
    // Lean's lexer reads "/--" as a doc comment whatever follows, so "/--/" opens one (Parser/Basic.lean, whitespace).
    String text = "/-- doc -/\n/- plain -/\n/--/";

    BlankedText blanked = LeanLexer.lex(text);

    assertThat(blanked.text()).isBlank();
    assertThat(IntStream.range(0, text.length()).filter(blanked::docCommentStartsAt)).containsExactly(0, 23);
  }

  /** Every offset at which {@code needle} occurs in {@code text}. */
  private static List<Integer> occurrences(String text, String needle) {
    List<Integer> at = new ArrayList<>();
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      at.add(i);
    }
    return at;
  }

  @Test
  void findToken_sorry_matchesOnlyTheWholeIdentifier() {
    String text = "sorry sorryAx h_sorry Foo.sorry sorry.elim sorry' sorry? «sorry» sorry₁ αsorry (sorry) ⟨sorry,sorry⟩";
    List<Integer> all = occurrences(text, "sorry");
    List<Integer> expected = List.of(
        all.get(0), text.indexOf("(sorry)") + 1, text.indexOf("⟨sorry") + 1, text.indexOf(",sorry") + 1);
    assertThat(LeanText.findToken(LeanText.blankCommentsAndStrings(text), "sorry")).isEqualTo(expected);
  }

  @Test
  void findToken_nonIdentifierNeighbours_stillMatch() {
    String text = "λsorry sorryᶜ 2sorry .sorry x.1 sorry";
    List<Integer> all = occurrences(text, "sorry");
    assertThat(LeanText.findToken(text, "sorry")).isEqualTo(all);
  }

  @Test
  void findToken_sorryInCommentOrString_notFound() {
    String text = "-- sorry\n/- sorry /- sorry -/ -/ \"sorry\" 'x' exact foo";
    assertThat(LeanText.findToken(LeanText.blankCommentsAndStrings(text), "sorry")).isEmpty();
  }

  @Test
  void findToken_dottedIdentifierToken_matchesWholeName() {
    String text = "Lean.ofReduceBool x Lean.ofReduceBoolX Foo.Lean.ofReduceBool";
    assertThat(LeanText.findToken(text, "Lean.ofReduceBool")).containsExactly(0);
  }

  @Test
  void findToken_tacticsWithQuestionMark_matchWholeIdentifier() {
    String text = "apply? exact?%x exact?' apply exact?";
    assertThat(LeanText.findToken(text, "apply?")).containsExactly(0);
    assertThat(LeanText.findToken(text, "exact?")).containsExactly(text.indexOf("exact?%"), text.lastIndexOf("exact?"));
  }

  @Test
  void findToken_symbolToken_matchesAsLeansLongestTokenPrefix() {
    // tokenFnAux takes the longest token prefix: `#exit_foo` is `#exit` then `_foo`, `#exit!` is `#exit` then `!`.
    String text = "#exit\n#exit_foo\nx#exit\n#exit!\n«#exit»\n#exit";
    List<Integer> all = occurrences(text, "#exit");
    assertThat(LeanText.findToken(text, "#exit")).containsExactly(all.get(0), all.get(1), all.get(2), all.get(3), all.get(5));
  }

  @Test
  void findToken_assignSymbol_foundOutsideCommentsOnly() {
    String text = "(n : ℕ := 3) -- :=\n := by";
    List<Integer> all = occurrences(text, ":=");
    assertThat(LeanText.findToken(LeanText.blankCommentsAndStrings(text), ":="))
        .containsExactly(all.get(0), all.get(2));
  }

  @Test
  void findToken_emptyTokenOrText_findsNothing() {
    assertThat(LeanText.findToken("sorry", "")).isEmpty();
    assertThat(LeanText.findToken("", "sorry")).isEmpty();
  }

  @Test
  void findToken_unclosedGuillemetsOnHugeLine_staysLinear() {
    String text = "«".repeat(2_000_000) + " sorry";
    assertThat(LeanText.findToken(text, "sorry")).containsExactly(2_000_001);
  }

  @Test
  void positionAt_unicode_countsCodePoints() {
    String text = "theorem t (x : ℝ) (h₁ : 𝕜) :\n  𝕜𝕜 sorry";
    assertThat(LeanText.positionAt(text, text.indexOf("h₁"))).isEqualTo(new Position(1, 19));
    assertThat(LeanText.positionAt(text, text.indexOf(")", text.indexOf("h₁")))).isEqualTo(new Position(1, 25));
    assertThat(LeanText.positionAt(text, text.indexOf("sorry"))).isEqualTo(new Position(2, 5));
  }

  @Test
  void positionAt_outOfRange_clamps() {
    assertThat(LeanText.positionAt("ab\ncd", -5)).isEqualTo(new Position(1, 0));
    assertThat(LeanText.positionAt("ab\ncd", 99)).isEqualTo(new Position(2, 2));
    assertThat(LeanText.positionAt("", 0)).isEqualTo(new Position(1, 0));
  }

  @Test
  void offsetOf_positionAt_roundTripOnEveryCodePoint() {
    String text = "ℝ 𝕜\r\n\n  h₁ «x»\t⊢ 𝕜𝕜\n";
    for (int o = 0; o <= text.length(); o = o < text.length() ? text.offsetByCodePoints(o, 1) : o + 1) {
      assertThat(LeanText.offsetOf(text, LeanText.positionAt(text, o))).as("offset %d", o).isEqualTo(o);
    }
  }

  @Test
  void offsetOf_outOfRange_clamps() {
    String text = "ab\n𝕜d\nlast";
    assertThat(LeanText.offsetOf(text, new Position(0, 0))).isZero();
    assertThat(LeanText.offsetOf(text, new Position(2, 99))).isEqualTo(text.indexOf("\nlast"));
    assertThat(LeanText.offsetOf(text, new Position(2, 1))).isEqualTo(text.indexOf('d'));
    assertThat(LeanText.offsetOf(text, new Position(9, 0))).isEqualTo(text.length());
    assertThat(LeanText.offsetOf("", new Position(1, 3))).isZero();
  }
}
