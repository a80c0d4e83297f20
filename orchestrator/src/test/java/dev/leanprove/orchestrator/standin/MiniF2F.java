package dev.leanprove.orchestrator.standin;

import dev.leanprove.leanbridge.source.Declaration;
import dev.leanprove.leanbridge.source.LeanSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real miniF2F statements and DeepSeek-Prover-V2 proofs in the shared data folder, for end-to-end tests. */
public final class MiniF2F {

  private MiniF2F() {}

  public static Path dataDir() {
    String shared = System.getProperty("leanprove.shared.dir");
    if (shared == null) {
      throw new IllegalStateException("system property leanprove.shared.dir is not set (surefire sets it)");
    }
    return Path.of(shared, "data");
  }

  /** The miniF2F statement file {@code minif2f/Valid/NAME.lean}, ending in {@code sorry}. */
  public static String problem(String name) {
    return read(dataDir().resolve("minif2f/Valid/" + name + ".lean"));
  }

  /** DeepSeek-Prover-V2's accepted solution file for the problem. */
  public static String solutionFile(String name) {
    return read(dataDir().resolve("deepseek-prover-v2-solutions/valid/" + name + ".lean"));
  }

  /** The real proof: the text after {@code :=} in the solution file, starting with {@code by}. */
  public static String realProof(String name) {
    LeanSource s = LeanSource.parse(solutionFile(name));
    Declaration d = s.theorem(name).orElseThrow();
    return d.proof();
  }

  /**
   * A DeepSeek-Prover-V2 chain-of-thought answer around the real proof, laid out as the model
   * writes it: analysis, a plan, a {@code have} sketch block, then the complete proof block.
   */
  public static String cotAnswerFor(String name) {
    return cotAnswer(solutionFile(name));
  }

  /** The same layout around any complete Lean file (header, theorem, proof) the model "wrote". */
  public static String cotAnswer(String leanFile) {
    String sketch = leanFile.lines()
        .map(line -> line.startsWith("  have ") && line.endsWith(":= by") ? line + " sorry" : line)
        .filter(line -> !line.startsWith("    "))
        .reduce((a, b) -> a + "\n" + b)
        .orElse("");
    return "### Detailed Proof and Analysis\n\n"
        + "We simplify the hypotheses first; squares are nonnegative, so the key inequality follows\n"
        + "once the product is bounded.\n\n"
        + "### Detailed Proof\n\n"
        + "1. **Step 1**: Derive the intermediate facts.\n"
        + "2. **Step 2**: Close the goal with arithmetic.\n\n"
        + "### Lean 4 Proof with `have` Statements\n\n"
        + "```lean4\n" + sketch + "\n```\n\n"
        + "### Explanation\n\n"
        + "Each `have` is one step of the plan; `sorry` marks what remains.\n\n"
        + "### Complete Lean 4 Proof\n\n"
        + "```lean4\n" + leanFile.strip() + "\n```";
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
