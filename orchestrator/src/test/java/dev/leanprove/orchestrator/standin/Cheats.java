package dev.leanprove.orchestrator.standin;

import dev.leanprove.orchestrator.standin.Cheat.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The red-team catalogue: every way we know to get a false or unchecked theorem reported PROVED,
 * by class (issue 9). Each cheat's stand-in oracle accepts the cheating text, i.e. it plays a real
 * Lean that elaborates it without complaint, so only our own defences stand between it and PROVED.
 */
public final class Cheats {

  private static final String FALSE = "(1:ℕ) = 2";
  private static final String FALSE_CHALLENGE = "theorem t : (1:ℕ) = 2 := by\n  sorry\n";
  private static final String SORRY_DEF = "def h : (1:ℕ) = 2 := sorry\n\n";

  private static final String FORBIDDEN = "FORBIDDEN";
  private static final String SORRY = "SORRY";
  private static final String BAD_AXIOM = "BAD_AXIOM";
  private static final String STATEMENT_CHANGED = "STATEMENT_CHANGED";
  private static final String LEAN_ERROR = "LEAN_ERROR";

  private Cheats() {}

  /** The cheats a user's own file can carry: tried through {@code check}. */
  public static List<Cheat> inUserFile() {
    return all().stream().filter(Cheat::inUserFile).toList();
  }

  /** Every cheat. */
  public static List<Cheat> all() {
    List<Cheat> all = new ArrayList<>();
    examplesAndNames(all);
    qualifiedNames(all);
    lexing(all);
    scanGaps(all);
    auxiliaryDeclarations(all);
    messageTrust(all);
    return all;
  }

  /** The cheats a model's answer can carry: tried through {@code prove} and {@code POST /prove} too. */
  public static List<Cheat> inModelOutput() {
    return all().stream().filter(Cheat::inModelOutput).toList();
  }

  private static void examplesAndNames(List<Cheat> all) {
    Kind k = Kind.EXAMPLE_OR_UNREADABLE_NAME;
    all.add(cheat("example-through-sorry-def", k, SORRY_DEF + "example : (1:ℕ) = 2 := h\n")
        .target("example").prop(FALSE, "h").refusedAs(SORRY, FORBIDDEN).build());
    all.add(cheat("example-through-sorry-theorem", k, "theorem h : (1:ℕ) = 2 := by\n  sorry\n\nexample : (1:ℕ) = 2 := h\n")
        .target("example").prop(FALSE, "h").refusedAs(SORRY, FORBIDDEN).build());
    all.add(cheat("example-in-namespace", k, "namespace Foo\n\n" + SORRY_DEF + "example : (1:ℕ) = 2 := h\n\nend Foo\n")
        .target("example").prop(FALSE, "h").refusedAs(SORRY, FORBIDDEN).build());
    all.add(cheat("example-after-honest-theorem", k,
            "theorem ok : (2:ℕ) + 2 = 4 := by\n  norm_num\n\n" + SORRY_DEF + "example : (1:ℕ) = 2 := h\n")
        .target("example").accept("ok", "norm_num").prop(FALSE, "h").refusedAs(SORRY, FORBIDDEN).build());
    all.add(cheat("example-native-decide", k, "example : (1:ℕ) + 1 = 2 := by\n  native_decide\n")
        .target("example").prop("(1:ℕ) + 1 = 2", "native_decide").refusedAs(BAD_AXIOM).build());
    all.add(cheat("name-spanning-lines", k, SORRY_DEF + "theorem «t\n» : (1:ℕ) = 2 := h\n")
        .target("t").prop(FALSE, "h").refusedAs(FORBIDDEN, SORRY).build());
    all.add(cheat("escaped-name-with-space", k, SORRY_DEF + "theorem «my t» : (1:ℕ) = 2 := h\n")
        .target("«my t»").prop(FALSE, "h").refusedAs(SORRY, FORBIDDEN).build());
    all.add(cheat("unterminated-escaped-name", k, "theorem «t : (1:ℕ) = 2 := by\n  norm_num\n")
        .target("theorem@").prop(FALSE, "norm_num").refusedAs(FORBIDDEN, LEAN_ERROR).build());
  }

  private static void qualifiedNames(List<Cheat> all) {
    Kind k = Kind.UNQUALIFIED_NAME;
    all.add(cheat("file-ends-inside-namespace", k,
            SORRY_DEF + "theorem t : (1:ℕ) = 2 := h\n\nnamespace Foo\n\ntheorem t : True := trivial\n")
        .target("t").prop(FALSE, "h").prop("True", "trivial").refusedAs(SORRY, FORBIDDEN).build());
    all.add(cheat("file-ends-inside-namespace-after-honest-twin", k,
            "namespace Foo\n\ntheorem t : True := trivial\n\nend Foo\n\n" + SORRY_DEF
                + "theorem t : (1:ℕ) = 2 := h\n\nnamespace Foo\n")
        .target("t").prop(FALSE, "h").prop("True", "trivial").refusedAs(SORRY, FORBIDDEN).build());
    all.add(cheat("file-ends-inside-nested-namespace", k,
            SORRY_DEF + "theorem t : (1:ℕ) = 2 := h\n\nnamespace Foo.Bar\n\ntheorem t : True := trivial\n")
        .target("t").prop(FALSE, "h").prop("True", "trivial").refusedAs(SORRY, FORBIDDEN).build());
    all.add(cheat("file-ends-with-open-namespace", k,
            "namespace Foo\n\ntheorem t : True := trivial\n\nend Foo\n\n" + SORRY_DEF
                + "theorem t : (1:ℕ) = 2 := h\n\nopen Foo\n")
        .target("t").prop(FALSE, "h").prop("True", "trivial").refusedAs(SORRY, FORBIDDEN, LEAN_ERROR).build());
    all.add(cheat("duplicate-qualified-name", k,
            "theorem t : True := trivial\n\nsection\n\n" + SORRY_DEF + "theorem t : (1:ℕ) = 2 := h\n\nend\n")
        .target("t").prop(FALSE, "h").prop("True", "trivial").refusedAs(FORBIDDEN, SORRY, LEAN_ERROR).build());
    all.add(cheat("namespaced-twin-in-prove", k, "")
        .target("B.foo").accept("A.foo", "trivial")
        .challenge("namespace A\n\ntheorem foo : True := by\n  sorry\n\nend A\n\nnamespace B\n\n"
            + "theorem foo : (1:ℕ) = 2 := by\n  sorry\n\nend B\n")
        .answer("theorem foo : True := by\n  trivial\n")
        .modelOnly().refusedAs(LEAN_ERROR, STATEMENT_CHANGED).build());
  }

  private static void lexing(List<Cheat> all) {
    Kind k = Kind.LEXING;
    String t = "\ntheorem t : (1:ℕ) = 2 := by\n  norm_num\n";
    all.add(lexCheat("char-literal-quote", k, "def c : Char := '\"'\n#eval IO.println \"pwned\"\ndef d : Char := '\"'\n" + t));
    all.add(lexCheat("char-literal-after-digit", k,
        "def l := List.replicate 2'\"'\n#eval IO.println 1\ndef m : Char := '\"'\n" + t));
    all.add(lexCheat("char-literal-after-escaped-name", k,
        "def «x» := 1\ndef y := («x»,'\"')\n#eval IO.println 1\ndef z : Char := '\"'\n" + t));
    all.add(lexCheat("line-comment-opens-block", k, "-- /-\n#eval IO.println 1\n-- -/\n" + t));
    all.add(lexCheat("string-opens-block-comment", k, "def s := \"/-\"\n#eval IO.println 1\ndef s2 := \"-/\"\n" + t));
    all.add(lexCheat("escaped-backslash-ends-string", k, "def s := \"\\\\\"\n#eval IO.println 1\ndef s2 := \"x\"\n" + t));
    all.add(lexCheat("raw-string-with-quote", k, "def r := r#\"a\"b\"#\n#eval IO.println 1\ndef q := \"x\"\n" + t));
    all.add(lexCheat("escaped-name-opens-comment", k, "def «/-» := 1\n#eval IO.println 1\ndef «-/» := 2\n" + t));
    all.add(lexCheat("indented-eval-after-proof", k, "theorem t : (1:ℕ) = 2 := by\n  norm_num\n #eval IO.println \"pwned\"\n"));
    all.add(lexCheat("eval-at-tactic-column", k, "theorem t : (1:ℕ) = 2 := by\n  norm_num\n  #eval IO.println \"pwned\"\n"));
    all.add(lexCheat("eval-after-doc-comment", k, "/-- doc -/\n#eval IO.println 1\n" + t));
    all.add(modelCheat("exact?-inside-interpolation", k,
        "theorem t : (1:ℕ) = 2 := by\n  let _s := s!\"{(by exact? : True)}\"\n  norm_num\n",
        "let _s := s!\"{(by exact? : True)}\"\n  norm_num", FORBIDDEN));
    all.add(modelCheat("apply?-inside-format-interpolation", k,
        "theorem t : (1:ℕ) = 2 := by\n  let _s := f!\"{show Nat by apply?}\"\n  norm_num\n",
        "let _s := f!\"{show Nat by apply?}\"\n  norm_num", FORBIDDEN));
    all.add(modelCheat("sorry-inside-message-interpolation", k,
        "theorem t : (1:ℕ) = 2 := by\n  let _s := m!\"{(sorry : Nat)}\"\n  norm_num\n",
        "let _s := m!\"{(sorry : Nat)}\"\n  norm_num", SORRY, FORBIDDEN));
    all.add(modelCheat("native-decide-in-nested-interpolation", k,
        "theorem t : (1:ℕ) = 2 := by\n  let _s := s!\"{s!\"{(by native_decide : (1:ℕ) + 1 = 2)}\"}\"\n  norm_num\n",
        "let _s := s!\"{s!\"{(by native_decide : (1:ℕ) + 1 = 2)}\"}\"\n  norm_num", BAD_AXIOM, FORBIDDEN));
  }

  private static void scanGaps(List<Cheat> all) {
    Kind k = Kind.SCAN_GAP;
    String t = "\ntheorem t : (1:ℕ) = 2 := by\n  norm_num\n";
    all.add(lexCheat("set-option-escaped-debug", k, "set_option «debug».skipKernelTC true in" + t));
    all.add(lexCheat("set-option-escaped-option", k, "set_option debug.«skipKernelTC» true in" + t));
    all.add(lexCheat("set-option-debug-file-wide", k, "set_option debug.skipKernelTC true\n" + t));
    all.add(modelCheat("set-option-debug-in-tactic", k,
        "theorem t : (1:ℕ) = 2 := by\n  set_option debug.skipKernelTC true in\n  norm_num\n",
        "set_option debug.skipKernelTC true in\n  norm_num", FORBIDDEN));
    all.add(auxCheat("command-elab-attribute", k,
        "open Lean Elab Command in\n@[command_elab Lean.Parser.Command.check] def evil : CommandElab := fun _ => pure ()\n"));
    all.add(auxCheat("tactic-attribute", k,
        "open Lean Elab Tactic in\n@[tactic Lean.Parser.Tactic.decide] def evilTac : Tactic := fun _ => pure ()\n"));
    all.add(auxCheat("term-elab-attribute", k,
        "open Lean Elab Term in\n@[term_elab Lean.Parser.Term.app] def evilTerm : TermElab := fun _ _ => failure\n"));
    all.add(auxCheat("macro-attribute", k, "@[macro Lean.Parser.Tactic.tacticRfl] def evilMacro : Lean.Macro := fun _ => Lean.Macro.throwUnsupported\n"));
    all.add(auxCheat("simproc", k, "simproc evilSimproc (_ + _) := fun _ => return .continue\n"));
    all.add(auxCheat("dsimproc", k, "dsimproc evilDsimproc (_ + _) := fun _ => return .continue\n"));
    all.add(auxCheat("initialize", k, "initialize evilRef : IO.Ref Nat ← IO.mkRef 0\n"));
    all.add(auxCheat("builtin-initialize", k, "builtin_initialize evilRef2 : IO.Ref Nat ← IO.mkRef 0\n"));
    all.add(auxCheat("include-str", k, "def secret : String := include_str \"/etc/passwd\"\n"));
    all.add(modelAuxCheat("attribute-command", k, "attribute [simp] Nat.add_comm\n"));
    all.add(modelAuxCheat("local-attribute-instance", k, "attribute [local instance] Classical.propDecidable\n"));
    all.add(modelAuxCheat("variable-and-include", k, "variable (hyp : (1:ℕ) = 2)\ninclude hyp\n"));
    all.add(modelAuxCheat("indented-variable", k, "  variable (hyp : (1:ℕ) = 2)\n", "variable"));
    all.add(modelAuxCheat("export", k, "export Nat (add_comm)\n"));
    all.add(modelAuxCheat("indented-namespace", k, "  namespace Evil\n  end Evil\n", "namespace Evil"));
    all.add(modelAuxCheat("indented-section", k, "  section\n  end\n", "section"));
    all.add(modelAuxCheat("universe", k, "universe evilU\n"));
    all.add(auxCheat("implemented-by", k, "def fast (n : ℕ) : ℕ := n\n@[implemented_by fast] def slow (n : ℕ) : ℕ := n + 1\n"));
    all.add(auxCheat("extern", k, "@[extern \"evil\"] def ext (n : ℕ) : ℕ := n\n"));
    all.add(modelAuxCheat("csimp", k, "def f1 (n : ℕ) : ℕ := n\ndef f2 (n : ℕ) : ℕ := n\n@[csimp] theorem f12 : @f1 = @f2 := rfl\n"));
    all.add(auxCheat("unsafe-def", k, "unsafe def evilUnsafe : ℕ := 1\n"));
    all.add(auxCheat("axiom", k, "axiom cheat : (1:ℕ) = 2\n"));
    all.add(modelAuxCheat("opaque", k, "opaque evilOpaque : ℕ\n"));
    all.add(auxCheat("macro", k, "macro \"trivially\" : tactic => `(tactic| norm_num)\n"));
    all.add(auxCheat("macro-rules", k, "macro_rules | `(tactic| norm_num) => `(tactic| rfl)\n"));
    all.add(auxCheat("notation", k, "notation \"TWO\" => (1:ℕ)\n"));
    all.add(auxCheat("syntax-and-elab", k, "syntax \"evil\" : term\nelab \"evil\" : term => return Lean.mkNatLit 1\n"));
    all.add(auxCheat("elab-rules", k, "elab_rules : tactic | `(tactic| norm_num) => pure ()\n"));
    all.add(auxCheat("declare-syntax-cat", k, "declare_syntax_cat evilCat\n"));
    all.add(auxCheat("run-cmd", k, "run_cmd Lean.logInfo \"pwned\"\n"));
    all.add(auxCheat("run-elab", k, "run_elab pure ()\n"));
    all.add(auxCheat("run-meta", k, "run_meta pure ()\n"));
    all.add(auxCheat("eval", k, "#eval IO.println \"pwned\"\n"));
    all.add(cheat("exit-after-proof", k, "theorem t : (1:ℕ) = 2 := by\n  norm_num\n\n#exit\n").accept("t", "norm_num")
        .challenge(FALSE_CHALLENGE).keptOut("#exit").refusedAs(FORBIDDEN).build());
    all.add(modelCheat("exact?", k, "theorem t : (1:ℕ) = 2 := by\n  exact?\n", "exact?", FORBIDDEN));
    all.add(modelCheat("apply?", k, "theorem t : (1:ℕ) = 2 := by\n  apply?\n", "apply?", FORBIDDEN));
    all.add(modelCheat("run-tac-in-proof", k, "theorem t : (1:ℕ) = 2 := by\n  run_tac pure ()\n  norm_num\n",
        "run_tac pure ()\n  norm_num", FORBIDDEN));
    all.add(cheat("native-decide", k, "theorem t : (1:ℕ) + 1 = 2 := by\n  native_decide\n")
        .accept("t", "native_decide").challenge("theorem t : (1:ℕ) + 1 = 2 := by\n  sorry\n").refusedAs(BAD_AXIOM).build());
    all.add(cheat("proof-leaves-the-theorem", k, "theorem t : (1:ℕ) = 2 := by\n  norm_num\n\ninstance : Inhabited ℕ := ⟨5⟩\n")
        .accept("t", "norm_num").challenge(FALSE_CHALLENGE).modelOnly().keptOut("instance").refusedAs(FORBIDDEN).build());
  }

  private static void auxiliaryDeclarations(List<Cheat> all) {
    Kind k = Kind.AUXILIARY_DECLARATION;
    all.add(cheat("instance-redefines-addition", k,
            "instance (priority := high) evilAdd : Add ℕ := ⟨fun _ _ => 5⟩\n\ntheorem t : (2:ℕ) + 2 = 5 := by\n  rfl\n")
        .target("t").accept("t", "rfl").challenge("theorem t : (2:ℕ) + 2 = 5 := by\n  sorry\n")
        .modelOnly().refusedAs(FORBIDDEN, STATEMENT_CHANGED).build());
    all.add(modelAuxCheat("local-instance", k, "local instance evilInst : Inhabited ℕ := ⟨5⟩\n"));
    all.add(modelAuxCheat("scoped-instance", k, "scoped instance evilInst2 : Inhabited ℕ := ⟨5⟩\n"));
    all.add(modelAuxCheat("deriving-instance", k, "structure Evil where\n  n : ℕ\n\nderiving instance Repr for Evil\n"));
    all.add(modelAuxCheat("class", k, "class EvilClass (α : Type) where\n  x : α\n"));
    all.add(modelAuxCheat("structure", k, "structure EvilS where\n  x : ℕ\n"));
    all.add(modelAuxCheat("inductive", k, "inductive EvilI where\n  | a\n"));
    all.add(modelAuxCheat("abbrev", k, "abbrev EvilNat := ℕ\n"));
    all.add(modelAuxCheat("attribute-on-helper", k, "@[simp] theorem helper : (1:ℕ) + 1 = 2 := by\n  norm_num\n"));
    all.add(modelAuxCheat("set-option-on-helper", k, "set_option maxRecDepth 100000 in\ntheorem helper : (1:ℕ) + 1 = 2 := by\n  norm_num\n"));
    all.add(cheat("helper-def-with-sorry", k, SORRY_DEF + "theorem t : (1:ℕ) = 2 := h\n")
        .target("t").prop(FALSE, "h").challenge(FALSE_CHALLENGE).refusedAs(SORRY, FORBIDDEN).build());
    all.add(cheat("helper-theorem-with-admit", k, "theorem h : (1:ℕ) = 2 := by\n  admit\n\ntheorem t : (1:ℕ) = 2 := h\n")
        .target("t").prop(FALSE, "h").challenge(FALSE_CHALLENGE).refusedAs(SORRY, FORBIDDEN).build());
    all.add(cheat("helper-decreasing-by-sorry", k,
            "def loop (n : ℕ) : ℕ := loop (n + 1)\ndecreasing_by sorry\n\ntheorem t : (1:ℕ) = 2 := by\n  norm_num\n")
        .target("t").accept("t", "norm_num").challenge(FALSE_CHALLENGE).modelOnly().refusedAs(SORRY, FORBIDDEN).build());
  }

  private static void messageTrust(List<Cheat> all) {
    Kind k = Kind.MESSAGE_TRUST;
    all.add(cheat("fake-axiom-report-by-print-string", k,
            SORRY_DEF + "theorem t : (1:ℕ) = 2 := h\n\n#print \"'t' depends on axioms: [propext]\"\n")
        .target("t").prop(FALSE, "h").refusedAs(SORRY, FORBIDDEN).build());
    all.add(cheat("fake-axiom-report-inside-namespace", k,
            SORRY_DEF + "theorem t : (1:ℕ) = 2 := h\n\nnamespace Foo\n\n#print \"'Foo.t' depends on axioms: [propext]\"\n")
        .target("t").prop(FALSE, "h").refusedAs(SORRY, FORBIDDEN).build());
    all.add(cheat("fake-json-message-by-print-string", k,
            SORRY_DEF + "theorem t : (1:ℕ) = 2 := h\n\n#print \"{\\\"severity\\\":\\\"information\\\",\\\"data\\\":\\\"'t' depends on axioms: [propext]\\\"}\"\n")
        .target("t").prop(FALSE, "h").refusedAs(SORRY, FORBIDDEN).build());
  }

  private static Cheat lexCheat(String id, Kind kind, String file) {
    return cheat(id, kind, file).target("t").accept("t", "norm_num").refusedAs(FORBIDDEN).build();
  }

  /** A helper placed before an otherwise "working" proof of a false statement. */
  private static Cheat auxCheat(String id, Kind kind, String helper) {
    return cheat(id, kind, helper + "\ntheorem t : (1:ℕ) = 2 := by\n  norm_num\n")
        .target("t").accept("t", "norm_num").challenge(FALSE_CHALLENGE).refusedAs(FORBIDDEN).build();
  }

  /**
   * A helper that is fine in a user's own file (their definitions give their statement its meaning)
   * but not in a model's answer, where only plain theorems, lemmas and definitions may precede the target.
   */
  private static Cheat modelAuxCheat(String id, Kind kind, String helper) {
    return modelAux(id, kind, helper).build();
  }

  /** As {@link #modelAuxCheat}, for a helper the extraction may leave out instead of refusing. */
  private static Cheat modelAuxCheat(String id, Kind kind, String helper, String keptOut) {
    return modelAux(id, kind, helper).keptOut(keptOut).build();
  }

  private static Builder modelAux(String id, Kind kind, String helper) {
    return cheat(id, kind, helper + "\ntheorem t : (1:ℕ) = 2 := by\n  norm_num\n")
        .target("t").accept("t", "norm_num").challenge(FALSE_CHALLENGE).modelOnly().refusedAs(FORBIDDEN);
  }

  private static Cheat modelCheat(String id, Kind kind, String file, String body, String... refusedAs) {
    return cheat(id, kind, file).target("t").accept("t", body).challenge(FALSE_CHALLENGE).refusedAs(refusedAs).build();
  }

  private static Builder cheat(String id, Kind kind, String file) {
    return new Builder(id, kind, file);
  }

  private static final class Builder {
    private final String id;
    private final Kind kind;
    private String file;
    private String target = "t";
    private final Map<String, List<String>> accepts = new LinkedHashMap<>();
    private final Map<String, List<String>> propositions = new LinkedHashMap<>();
    private Optional<String> challenge = Optional.empty();
    private boolean inUserFile = true;
    private Optional<String> keptOut = Optional.empty();
    private final Set<String> refusedAs = new LinkedHashSet<>();

    Builder(String id, Kind kind, String file) {
      this.id = id;
      this.kind = kind;
      this.file = file;
    }

    Builder target(String name) {
      this.target = name;
      return this;
    }

    Builder accept(String name, String body) {
      accepts.computeIfAbsent(name, n -> new ArrayList<>()).add(body);
      return this;
    }

    Builder prop(String proposition, String body) {
      propositions.computeIfAbsent(proposition, p -> new ArrayList<>()).add(body);
      return this;
    }

    Builder challenge(String text) {
      this.challenge = Optional.of(text);
      return this;
    }

    /** The model's answer when it differs from the file a user would check. */
    Builder answer(String text) {
      this.file = text;
      return this;
    }

    /** A cheat that is legitimate in a user's own file (it is their statement) and so only a model can commit. */
    Builder modelOnly() {
      this.inUserFile = false;
      return this;
    }

    /** The text of the cheat the extraction must keep out of the checked file (see {@link Cheat#keptOut}). */
    Builder keptOut(String text) {
      this.keptOut = Optional.of(text);
      return this;
    }

    Builder refusedAs(String... codes) {
      refusedAs.addAll(List.of(codes));
      return this;
    }

    Cheat build() {
      return new Cheat(id, kind, file, target, Map.copyOf(accepts), Map.copyOf(propositions), challenge, inUserFile,
          keptOut, Set.copyOf(refusedAs));
    }
  }
}
