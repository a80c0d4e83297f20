package dev.leanprove.leanbridge.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What Linux's {@code /proc/PID/status} says about one process: whether it is a zombie and how
 * much resident memory it holds. Absent wherever there is no {@code /proc}.
 *
 * @param zombie whether the process has exited but not been reaped (it holds no memory or pipes)
 * @param residentBytes anonymous resident memory (RssAnon; VmRSS on kernels before 4.5) in bytes, 0
 *     when the kernel reports none (zombies, kernel threads). Mapped files are left out: Lean maps
 *     gigabytes of Mathlib .olean files, which the kernel can drop at any time.
 */
record ProcStatus(boolean zombie, long residentBytes) {

  private static final Path PROC = Path.of("/proc");

  static boolean available() {
    return Files.isReadable(PROC.resolve("self").resolve("status"));
  }

  static Optional<ProcStatus> read(long pid) {
    try {
      // Latin-1 decodes any byte, so an odd process name in the Name: line cannot fail the read.
      return Optional.of(parse(Files.readAllLines(
          PROC.resolve(Long.toString(pid)).resolve("status"), StandardCharsets.ISO_8859_1)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static ProcStatus parse(List<String> lines) {
    boolean zombie = false;
    long resident = 0;
    long anonymous = -1;
    for (String line : lines) {
      if (line.startsWith("State:")) {
        zombie = line.substring("State:".length()).trim().startsWith("Z");
      } else if (line.startsWith("VmRSS:")) {
        resident = kibibytes(line.substring("VmRSS:".length())) * 1024;
      } else if (line.startsWith("RssAnon:")) {
        anonymous = kibibytes(line.substring("RssAnon:".length())) * 1024;
      }
    }
    return new ProcStatus(zombie, anonymous >= 0 ? anonymous : resident);
  }

  private static long kibibytes(String field) {
    String digits = field.trim().split("\\s+")[0];
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
