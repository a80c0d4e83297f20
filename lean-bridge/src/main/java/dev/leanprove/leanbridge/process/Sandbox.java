package dev.leanprove.leanbridge.process;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command inside bubblewrap ({@code bwrap}): no network, its own PID namespace (killing
 * bwrap kills everything inside, orphans included), an empty environment but for what the caller
 * sets, the system's programs and libraries, the given mounts, a private {@code /tmp}, and nothing
 * else of the host (no {@code /home}, {@code /root}, {@code /etc/passwd}); the root is read-only.
 *
 * <p>Use {@link #wrap} for any argv: {@link LeanRunner} applies it to every invocation, and
 * long-lived Lean processes started elsewhere use the same call.
 */
public final class Sandbox {

  /** Names the bwrap executable explicitly, overriding PATH. */
  public static final String BWRAP_VARIABLE = "LEANPROVE_BWRAP";

  /** Where the sandboxed process's temporary files go: its private tmpfs. */
  static final String SANDBOX_TMP = "/tmp";

  private static final List<Path> SYSTEM_DIRS =
      List.of(Path.of("/usr"), Path.of("/bin"), Path.of("/sbin"), Path.of("/lib"), Path.of("/lib32"),
          Path.of("/lib64"), Path.of("/libx32"));
  // What the dynamic loader and libc read; not passwd, group, shadow, hosts or anything with secrets.
  private static final List<Path> ETC_FILES =
      List.of(Path.of("/etc/ld.so.cache"), Path.of("/etc/ld.so.conf"), Path.of("/etc/ld.so.conf.d"),
          Path.of("/etc/alternatives"), Path.of("/etc/localtime"));
  private static final long PROBE_SECONDS = 10;
  private static final Map<Path, SandboxAvailability> PROBED = new ConcurrentHashMap<>();

  private final Path bwrap;
  private final SandboxMounts mounts;

  Sandbox(Path bwrap, SandboxMounts mounts) {
    this.bwrap = Objects.requireNonNull(bwrap, "bwrap");
    this.mounts = Objects.requireNonNull(mounts, "mounts");
  }

  /**
   * Finds bwrap ({@link #BWRAP_VARIABLE}, else {@code PATH}) and checks once per executable that it
   * can build a sandbox here (it cannot where user namespaces are forbidden, e.g. in some containers).
   * Blocks for the probe the first time, a few tens of milliseconds.
   */
  public static SandboxAvailability detect(Map<String, String> systemEnv) {
    String explicit = systemEnv.get(BWRAP_VARIABLE);
    Path found = null;
    if (explicit != null && !explicit.isBlank()) {
      found = Path.of(explicit);
      if (!Files.isExecutable(found) || Files.isDirectory(found)) {
        return SandboxAvailability.unusable(BWRAP_VARIABLE + "=" + explicit + " is not an executable file");
      }
    } else {
      for (String dir : systemEnv.getOrDefault("PATH", "").split(File.pathSeparator)) {
        Path candidate = dir.isEmpty() ? null : Path.of(dir, "bwrap");
        if (candidate != null && Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
          found = candidate;
          break;
        }
      }
      if (found == null) {
        return SandboxAvailability.unusable("bubblewrap (bwrap) is not installed (not on PATH)");
      }
    }
    return PROBED.computeIfAbsent(found.toAbsolutePath().normalize(), Sandbox::probe);
  }

  private static SandboxAvailability probe(Path bwrap) {
    Sandbox sandbox = new Sandbox(bwrap, SandboxMounts.NONE);
    Path trueProgram = Files.isExecutable(Path.of("/usr/bin/true")) ? Path.of("/usr/bin/true") : Path.of("/bin/true");
    List<String> argv = sandbox.wrap(List.of(trueProgram.toString()), Map.of("PATH", "/usr/bin:/bin"), Path.of("/usr"),
        SandboxMounts.NONE);
    try {
      Path errors = Files.createTempFile("leanprove-bwrap-probe", ".txt");
      try {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true)
            .redirectOutput(errors.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        process.getOutputStream().close();
        if (!process.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          return SandboxAvailability.unusable(bwrap + " did not finish a trial run within " + PROBE_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
          String said = Files.readString(errors, StandardCharsets.UTF_8).strip();
          return SandboxAvailability.unusable(bwrap + " cannot build a sandbox here (exit " + process.exitValue()
              + (said.isEmpty() ? "" : ": " + tail(said)) + ")");
        }
        return SandboxAvailability.usable(sandbox);
      } finally {
        Files.deleteIfExists(errors);
      }
    } catch (IOException e) {
      return SandboxAvailability.unusable("cannot run " + bwrap + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return SandboxAvailability.unusable("interrupted while trying " + bwrap);
    }
  }

  /** The same sandbox with more paths bound into every run. */
  public Sandbox withMounts(SandboxMounts more) {
    return new Sandbox(bwrap, mounts.plus(more));
  }

  /** What every run of this sandbox sees besides the system directories. */
  public SandboxMounts mounts() {
    return mounts;
  }

  public Path bwrap() {
    return bwrap;
  }

  /**
   * The argv that runs {@code argv} inside the sandbox.
   *
   * @param env the complete environment inside ({@code TMPDIR} is set to the private {@code /tmp})
   * @param workDir the directory it starts in; bound read-only when no mount holds it
   * @param more bound for this run only, on top of {@link #mounts()} (e.g. a writable scratch directory)
   */
  public List<String> wrap(List<String> argv, Map<String, String> env, Path workDir, SandboxMounts more) {
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("argv must not be empty");
    }
    Path dir = workDir.toAbsolutePath().normalize();
    SandboxMounts all = mounts.plus(more);
    if (!all.covers(dir) && SYSTEM_DIRS.stream().noneMatch(dir::startsWith)) {
      all = all.plus(SandboxMounts.readOnly(dir));
    }
    List<String> command = new ArrayList<>();
    command.add(bwrap.toString());
    command.addAll(List.of("--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
        "--die-with-parent", "--new-session"));
    command.add("--clearenv");
    Map<String, String> inside = new TreeMap<>(env);
    inside.put("TMPDIR", SANDBOX_TMP);
    inside.forEach((name, value) -> command.addAll(List.of("--setenv", name, value)));
    for (Path system : SYSTEM_DIRS) {
      if (Files.isSymbolicLink(system)) {
        try {
          // Merged /usr: /bin -> usr/bin; the same link inside keeps #! lines working.
          command.addAll(List.of("--symlink", Files.readSymbolicLink(system).toString(), system.toString()));
        } catch (IOException e) {
          // Unreadable link: leave it out, as a missing directory would be.
        }
      } else if (Files.isDirectory(system)) {
        command.addAll(List.of("--ro-bind", system.toString(), system.toString()));
      }
    }
    for (Path file : ETC_FILES) {
      command.addAll(List.of("--ro-bind-try", file.toString(), file.toString()));
    }
    command.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", SANDBOX_TMP));
    command.addAll(binds(all));
    command.addAll(List.of("--remount-ro", "/", "--chdir", dir.toString(), "--"));
    command.addAll(argv);
    return command;
  }

  /**
   * One bind per mount, outer paths first so a path inside another mount lands on top of it
   * (a writable scratch directory inside the read-only workspace).
   */
  private static List<String> binds(SandboxMounts mounts) {
    record Bind(Path path, boolean writable) {}
    List<Bind> binds = new ArrayList<>();
    mounts.readOnly().forEach(p -> binds.add(new Bind(p, false)));
    mounts.writable().forEach(p -> binds.add(new Bind(p, true)));
    binds.sort(Comparator.comparingInt((Bind b) -> b.path().getNameCount()).thenComparing(Bind::writable));
    List<String> args = new ArrayList<>();
    for (Bind b : binds) {
      // A path that does not exist (a cache not created yet, a stale setting) is left out rather than failing every run.
      args.addAll(List.of(b.writable() ? "--bind-try" : "--ro-bind-try", b.path().toString(), b.path().toString()));
    }
    return args;
  }

  private static String tail(String text) {
    return text.length() <= 300 ? text : "…" + text.substring(text.length() - 300);
  }

  @Override
  public String toString() {
    return "Sandbox[" + bwrap + ", " + mounts + "]";
  }
}
