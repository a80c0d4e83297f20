package dev.leanprove.leanbridge.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class AxiomReportTest {

  @Test
  void parse_wrappedList_readsNamesAcrossLines() {
    // Lean's list format breaks after commas and indents by the bracket's width.
    String data = "'Nightstream.Codec.bundleCodec_getD' depends on axioms: [propext,\n Classical.choice,\n Quot.sound]";

    assertThat(AxiomReport.parse(data)).contains(new AxiomReport(
        "Nightstream.Codec.bundleCodec_getD", List.of("propext", "Classical.choice", "Quot.sound")));
  }

  @Test
  void parse_nameEndingInPrime_keepsThePrime() {
    // Text from Batteries' #print dependents documentation.
    assertThat(AxiomReport.parse("'bar'' depends on axioms: [Classical.choice, Quot.sound, propext]"))
        .contains(new AxiomReport("bar'", List.of("Classical.choice", "Quot.sound", "propext")));
    assertThat(AxiomReport.parse("'bar'' does not depend on any axioms"))
        .contains(new AxiomReport("bar'", List.of()));
  }

  @Test
  void parse_escapedNames_keptAsPrintedAndCommaInsideEscapeIsNoSeparator() {
    String data = "'Foo.«my thm»' depends on axioms: [«odd, axiom», Foo.«a]b», propext]";

    AxiomReport report = AxiomReport.parse(data).orElseThrow();

    assertThat(report.declName()).isEqualTo("Foo.«my thm»");
    assertThat(report.axioms()).containsExactly("«odd, axiom»", "Foo.«a]b»", "propext");
  }

  @Test
  void parse_surroundingWhitespaceAndCrLf_ignored() {
    assertThat(AxiomReport.parse("\n'x' depends on axioms: [propext,\r\n Quot.sound]\r\n"))
        .contains(new AxiomReport("x", List.of("propext", "Quot.sound")));
  }

  @Test
  void parse_emptyBrackets_emptyList() {
    assertThat(AxiomReport.parse("'x' depends on axioms: []")).contains(new AxiomReport("x", List.of()));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "declaration uses `sorry`",
      "'x' depends on axioms: [propext",
      "'x' depends on axioms: [propext] and more",
      "x depends on axioms: [propext]",
      "'x' does not depend on any axioms!",
      "'' does not depend on any axioms",
      "'x'\n' depends on axioms: [propext]",
      "unsolved goals\n'x' does not depend on any axioms"})
  void parse_otherText_empty(String data) {
    assertThat(AxiomReport.parse(data)).isEmpty();
  }

  @Test
  void usesSorry_sorryAxListed_true() {
    assertThat(new AxiomReport("lazy", List.of("propext", "sorryAx")).usesSorry()).isTrue();
    assertThat(new AxiomReport("ok", List.of("propext", "Classical.choice")).usesSorry()).isFalse();
    assertThat(new AxiomReport("none", List.of()).usesSorry()).isFalse();
  }

  @Test
  void outside_allowedSet_restInPrintedOrder() {
    AxiomReport report = new AxiomReport("t",
        List.of("Lean.trustCompiler", "propext", "sorryAx", "Classical.choice", "Lean.ofReduceBool"));

    assertThat(report.outside(Set.of("propext", "Classical.choice", "Quot.sound")))
        .containsExactly("Lean.trustCompiler", "sorryAx", "Lean.ofReduceBool");
    assertThat(report.outside(Set.copyOf(report.axioms()))).isEmpty();
    assertThatThrownBy(() -> report.outside(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void constructor_copiesAxiomsAndRejectsNulls() {
    List<String> axioms = new ArrayList<>(List.of("propext"));
    AxiomReport report = new AxiomReport("t", axioms);
    axioms.add("sorryAx");

    assertThat(report.axioms()).containsExactly("propext");
    assertThatThrownBy(() -> report.axioms().add("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> new AxiomReport(null, List.of())).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new AxiomReport("t", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> AxiomReport.parse(null)).isInstanceOf(NullPointerException.class);
  }
}
