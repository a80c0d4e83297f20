package dev.leanprove.leanbridge.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per lexical rule of Lean's {@code Lean/Parser/Basic.lean} that the screen relies on. */
final class LeanLexerTest {

  private static String blanked(String text) {
    return LeanLexer.lex(text).text();
  }

  private static List<LexicalError> errors(String text) {
    return LeanLexer.lex(text).errors();
  }

  @Test
  void lex_nestedBlockComment_hidesAllLevels() {
    String text = "a /- x /- #eval 1 -/ #exit -/ b";

    assertThat(LeanText.findToken(blanked(text), "#exit")).isEmpty();
    assertThat(LeanText.findToken(blanked(text), "b")).containsExactly(text.length() - 1);
    assertThat(errors(text)).isEmpty();
  }

  @Test
  void lex_docCommentBody_nestsLikeABlockComment() {
    String text = "/-- doc /- inner -/ still doc -/\ntheorem t : True := trivial";

    assertThat(blanked(text)).startsWith(" ".repeat(text.indexOf('\n')));
    assertThat(LeanLexer.lex(text).docCommentStartsAt(0)).isTrue();
  }

  @Test
  void lex_unterminatedComment_isAnError() {
    assertThat(errors("x /- open /- -/ never closed")).extracting(LexicalError::problem)
        .containsExactly("unterminated comment");
  }

  @Test
  void lex_escapedNameAcrossLines_isOneIdentifierAsInLean() {
    // identFnAux: takeUntilFn isIdEndEscape does not stop at a line break.
    String text = "theorem «t\n#exit» : True := trivial";

    assertThat(LeanText.findToken(blanked(text), "#exit")).isEmpty();
    assertThat(LeanText.nameAt(blanked(text), "theorem".length())).containsExactly("t\n#exit");
    assertThat(errors(text)).isEmpty();
  }

  @Test
  void lex_unterminatedEscapedName_isAnErrorAndWhatFollowsIsCode() {
    // Lean reports "unterminated identifier escape" and resumes one character on, reading `#eval` as code.
    String text = "theorem «t : True := trivial\n#eval 1";

    assertThat(errors(text)).extracting(LexicalError::offset).containsExactly(text.indexOf('«'));
    assertThat(LeanText.findToken(blanked(text), "#eval")).containsExactly(text.indexOf("#eval"));
  }

  @Test
  void lex_charLiteralAfterDigitOrEscapedName_isALiteral() {
    // tokenFnAux: a quote that starts a token (not the prime inside `x'`) opens a char literal.
    String text = "f 2'a' «x»'b' x' y'' z";
    String blanked = blanked(text);

    assertThat(blanked.substring(text.indexOf("'a'"), text.indexOf("'a'") + 3)).isBlank();
    assertThat(blanked.substring(text.indexOf("'b'"), text.indexOf("'b'") + 3)).isBlank();
    assertThat(blanked).contains("x' y'' z");
  }

  @Test
  void lex_primeEndingAMathlibToken_isNotAnError() {
    String text = "(∑ y in (f ⁻¹' {7}).toFinset, y) = ∑' n, g n";

    assertThat(errors(text)).isEmpty();
    assertThat(blanked(text)).isEqualTo(text);
  }

  @Test
  void lex_stringEscapes_onlyLeansAreValid() {
    assertThat(errors("\"a\\n\\t\\\\\\\"\\'\\x41\\u0041\"")).isEmpty();
    // quotedCharCoreFn: \\u takes exactly four hex digits, no braces; any other letter is invalid.
    assertThat(errors("\"\\u{41}\" #eval 1")).extracting(LexicalError::problem)
        .containsExactly("invalid escape sequence in a string");
    assertThat(errors("\"\\q\"")).hasSize(1);
  }

  @Test
  void lex_stringGap_needsExactlyOneLineBreak() {
    assertThat(errors("\"a\\\n   b\"")).isEmpty();
    assertThat(errors("\"a\\\n\n b\"")).hasSize(1);
  }

  @Test
  void lex_unterminatedString_isAnErrorBecauseLeanReadsOnInsideIt() {
    String text = "theorem t : True := by\n  trivial\n\"\n#eval IO.println 1";

    assertThat(errors(text)).extracting(LexicalError::problem).containsExactly("unterminated string literal");
  }

  @Test
  void lex_interpolatedStringAfterSBang_codeInBracesIsCode() {
    String text = "def f := s!\"{(by exact?)} and {\"inner\" ++ \"}\"}\" -- c";
    String blanked = blanked(text);

    assertThat(LeanText.findToken(blanked, "exact?")).containsExactly(text.indexOf("exact?"));
    assertThat(blanked).doesNotContain("inner").doesNotContain("and").doesNotContain("-- c");
    assertThat(errors(text)).isEmpty();
  }

  @Test
  void lex_plainStringWithBraces_codeIsScannedWhenBothReadingsAgree() {
    String text = "example := m \"a {sorry} b\"";

    assertThat(LeanText.findToken(blanked(text), "sorry")).containsExactly(text.indexOf("sorry"));
    assertThat(errors(text)).isEmpty();
  }

  @Test
  void lex_stringThatReadsDifferentlyWhenInterpolated_isAnError() {
    // Plain, `"{"` ends at the second quote; interpolated, `" ++ "` is code and the string runs on.
    String text = "def g := throwError \"{\" ++ \"}\" #eval 1";

    assertThat(errors(text)).extracting(LexicalError::offset).containsExactly(text.indexOf('"'));
  }

  @Test
  void lex_rawStrings_takeNoEscapes() {
    String text = "a r#\"q \\\" -- \"# b r\"x\\\" c";

    assertThat(errors(text)).isEmpty();
    assertThat(blanked(text).strip()).startsWith("a").endsWith("c");
    assertThat(LeanText.findToken(blanked(text), "b")).containsExactly(text.indexOf(" b ") + 1);
  }

  @Test
  void lex_unterminatedRawString_isAnError() {
    assertThat(errors("r##\"x\"# #eval 1")).extracting(LexicalError::problem)
        .containsExactly("unterminated raw string literal");
  }

  @Test
  void lex_nameLiteral_isAnIdentifierNotCode() {
    String text = "#check `«#exit» ``Nat.add";

    assertThat(LeanText.findToken(blanked(text), "#exit")).isEmpty();
    assertThat(errors(text)).isEmpty();
  }

  @Test
  void lex_deeplyNestedAmbiguousStrings_staysFastAndRefuses() {
    String text = "\"{\"{".repeat(50_000);

    assertThat(errors(text)).isNotEmpty();
    assertThat(blanked(text)).hasSameSizeAs(text);
  }
}
