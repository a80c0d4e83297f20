package dev.leanprove.orchestrator.cli;

import dev.leanprove.leanbridge.source.SourceBytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a Lean file the user named, refusing what Lean could not take before any work starts. */
final class SourceFile {

  private SourceFile() {}

  /** The file's text; a missing, oversized or non-UTF-8 file ends the command with exit code 2. */
  static String read(Path path, int maxBytes) {
    try {
      if (Files.isDirectory(path)) {
        throw new ExitException(ExitCodes.USAGE, path + " is a directory, not a Lean file");
      }
      long size = Files.size(path);
      if (size > maxBytes) {
        throw new ExitException(ExitCodes.USAGE, String.format(
            "%s is %,d bytes; the limit is %,d bytes (--max-file-size). Split the file or raise the limit.",
            path, size, maxBytes));
      }
      return decode(Files.readAllBytes(path), path.toString());
    } catch (NoSuchFileException e) {
      throw new ExitException(ExitCodes.USAGE, "no such file: " + path);
    } catch (IOException e) {
      throw new ExitException(ExitCodes.USAGE, "cannot read " + path + ": " + e.getMessage());
    }
  }

  private static String decode(byte[] bytes, String name) {
    try {
      return SourceBytes.decode(bytes, name);
    } catch (IllegalArgumentException e) {
      throw new ExitException(ExitCodes.USAGE, e.getMessage());
    }
  }
}
