package dev.leanprove.orchestrator.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class SourceMaskTest {

  @Test
  void codeOnly_lineAndNestedBlockComments_areBlankedKeepingOffsets() {
    String source = "simp -- sorry\n/- a /- b -/ sorry -/ rfl";

    String masked = SourceMask.codeOnly(source);

    assertThat(masked).hasSameSizeAs(source);
    assertThat(masked).isEqualTo("simp" + " ".repeat(9) + "\n" + " ".repeat(22) + "rfl");
  }

  @Test
  void codeOnly_stringWithEscapesAndCommentMarkers_keepsOnlyQuotes() {
    String source = "have : \"a \\\" -- b\" = s := rfl -- c";

    assertThat(SourceMask.codeOnly(source)).isEqualTo("have : \"" + " ".repeat(9) + "\" = s := rfl     ");
    assertThat(SourceMask.withoutComments(source)).isEqualTo("have : \"a \\\" -- b\" = s := rfl     ");
  }

  @Test
  void codeOnly_primedNamesAndCharLiterals_areToldApart() {
    String source = "exact h₁' (f' 'x') '\\n'";

    assertThat(SourceMask.codeOnly(source)).isEqualTo("exact h₁' (f' ' ') '  '");
  }

  @Test
  void codeOnly_unterminatedCommentOrString_runsToEnd() {
    assertThat(SourceMask.codeOnly("rfl /- open\nsorry")).isEqualTo("rfl        \n     ");
    assertThat(SourceMask.codeOnly("rfl \"open\nsorry")).isEqualTo("rfl \"    \n     ");
  }

  @Test
  void spans_docComment_isMarkedAsDoc() {
    assertThat(SourceMask.spans("/-- doc -/\n/- plain -/\n/--/"))
        .extracting(SourceMask.Span::kind)
        .containsExactly(SourceMask.Kind.DOC_COMMENT, SourceMask.Kind.BLOCK_COMMENT, SourceMask.Kind.BLOCK_COMMENT);
  }
}
