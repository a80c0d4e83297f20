package dev.leanprove.leanbridge.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.verdict.ForbiddenScan.Finding;
import dev.leanprove.leanbridge.verdict.ForbiddenScan.Scope;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class ForbiddenScanTest {

  private final ForbiddenScan scan = new ForbiddenScan(Set.of());

  private List<String> forbidden(String text, Scope scope) {
    return scan.scan(text, scope).stream().filter(f -> f.code() == ReasonCode.FORBIDDEN).map(Finding::token).toList();
  }

  @Test
  void scan_filesOwnDeclarationsAndScopes_areAllowedInAFileOnly() {
    String text = "universe u\nnamespace Foo\nsection\nvariable (n : ℕ)\ninclude n\nend\n"
        + "instance : Inhabited (Fin 3) := ⟨0⟩\nattribute [simp] Nat.add_comm\nexport Nat (succ)\n"
        + "@[simp] theorem t : True := trivial\n#print axioms t\n#check t\n#guard_msgs in #check t\nend Foo\n";

    assertThat(forbidden(text, Scope.FILE)).isEmpty();
    assertThat(forbidden(text, Scope.PROOF)).contains(
        "universe", "namespace", "section", "variable", "include", "end", "instance", "attribute", "export",
        "#print", "#check", "#guard_msgs");
  }

  @Test
  void scan_hashCommands_matchLeansLongestToken() {
    assertThat(forbidden("#guard 1 = 1", Scope.FILE)).containsExactly("#guard");
    assertThat(forbidden("#guard_msgs in\n#check 1", Scope.FILE)).isEmpty();
    assertThat(forbidden("#evalIO.println 1", Scope.FILE)).containsExactly("#eval");
    assertThat(forbidden("#eval! 1", Scope.FILE)).containsExactly("#eval!");
    assertThat(forbidden("example : #[1].size = 1 := rfl", Scope.PROOF)).isEmpty();
  }

  @Test
  void scan_printOfAString_isRefusedButPrintOfANameIsNot() {
    assertThat(forbidden("#print \"'t' depends on axioms: [propext]\"", Scope.FILE)).containsExactly("#print \"…\"");
    assertThat(forbidden("#print r#\"fake\"#", Scope.FILE)).containsExactly("#print \"…\"");
    assertThat(forbidden("#print rfl\n#print axioms t", Scope.FILE)).isEmpty();
  }

  @Test
  void scan_codeInstallingAttributes_foundWhereverTheyStandInTheList() {
    assertThat(forbidden("@[simp, aesop safe tactic] def t : Nat := 1", Scope.FILE)).containsExactly("@[tactic]");
    assertThat(forbidden("@[«command_elab» Foo] def e := 1", Scope.FILE)).containsExactly("@[command_elab]");
    assertThat(forbidden("attribute [scoped term_elab Foo] bar", Scope.FILE)).containsExactly("@[term_elab]");
    assertThat(forbidden("@[simp, reducible, instance 100] def t : Nat := 1", Scope.FILE)).isEmpty();
    assertThat(forbidden("theorem t (tactic : Nat) : [tactic].length = 1 := rfl", Scope.FILE)).isEmpty();
  }

  @Test
  void scan_manyUnclosedAttributeLists_staysLinear() {
    String text = "@[".repeat(200_000) + " tactic";

    assertThat(forbidden(text, Scope.FILE)).containsExactly("@[tactic]");
  }

  @Test
  void scan_optionNames_readAsLeanNames() {
    assertThat(forbidden("set_option «debug».skipKernelTC true", Scope.FILE)).containsExactly("set_option debug.skipKernelTC");
    assertThat(forbidden("set_option -- c\n  debug.byAsSorry true", Scope.FILE)).containsExactly("set_option debug.byAsSorry");
    assertThat(forbidden("set_option maxRecDepth 10000", Scope.FILE)).isEmpty();
    assertThat(forbidden("set_option maxHeartbeats 400000 in\nset_option pp.all true in", Scope.PROOF)).isEmpty();
    assertThat(forbidden("set_option autoImplicit true in", Scope.PROOF)).containsExactly("set_option autoImplicit");
  }

  @Test
  void scan_allowedToken_isNotReported() {
    ForbiddenScan allowing = new ForbiddenScan(Set.of("exact?", "notation"));

    assertThat(allowing.scan("by\n  exact?\nnotation \"x\" => 1", Scope.PROOF)).isEmpty();
  }

  @Test
  void scan_findingsNameTheTokenAtItsOffset() {
    String proof = "by\n  omega\n  #eval 1";

    assertThat(scan.scan(proof, Scope.PROOF)).singleElement()
        .satisfies(f -> assertThat(f.offset()).isEqualTo(proof.indexOf("#eval")))
        .satisfies(f -> assertThat(f.token()).isEqualTo("#eval"));
  }

  @Test
  void auxiliary_plainTheoremLemmaDefWithDocstring_isAccepted() {
    String auxiliary = "/-- doc -/\ntheorem a : True := trivial\n\nlemma b : True := by\n  trivial\n\n"
        + "noncomputable def c : ℝ := 1 / 3\n\ndef d (n : ℕ) : ℕ := n + 1";

    assertThat(scan.auxiliary(auxiliary)).isEmpty();
  }

  @Test
  void auxiliary_anythingElse_isRefusedNamingIt() {
    assertThat(scan.auxiliary("instance (priority := high) : Add ℕ := ⟨fun _ _ => 5⟩"))
        .extracting(Finding::token).first().isEqualTo("instance");
    assertThat(scan.auxiliary("protected theorem a : True := trivial")).extracting(Finding::token).containsExactly("protected");
    assertThat(scan.auxiliary("abbrev N := ℕ")).extracting(Finding::token).containsExactly("abbrev");
    assertThat(scan.auxiliary("nlinarith [sq_nonneg x]")).extracting(Finding::token).containsExactly("text");
  }
}
