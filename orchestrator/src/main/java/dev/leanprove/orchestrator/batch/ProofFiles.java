package dev.leanprove.orchestrator.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** {@code proofs/NAME.lean}: the verified whole file of each proved problem, written whole or not at all. */
final class ProofFiles {

  static final String DIR_NAME = "proofs";

  private final Path dir;

  ProofFiles(Path outDir) {
    this.dir = outDir.resolve(DIR_NAME);
  }

  Path pathFor(String problem) {
    return dir.resolve(fileName(problem));
  }

  void write(String problem, String code) {
    Path target = pathFor(problem);
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".writing-", ".lean");
      Files.writeString(tmp, code);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  /** JSONL names are free text; a file name keeps letters, digits and {@code _ . ' -} and nothing that leaves the folder. */
  static String fileName(String problem) {
    String safe = problem.replaceAll("[^\\p{L}\\p{N}_.'-]", "_");
    if (safe.startsWith(".")) {
      safe = "_" + safe.substring(1);
    }
    return safe + ".lean";
  }
}
