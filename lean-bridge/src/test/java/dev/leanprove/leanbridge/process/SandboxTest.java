package dev.leanprove.leanbridge.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanprove.leanbridge.standin.StandInLean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SandboxTest {

  private static final Path BWRAP = Path.of("/usr/bin/bwrap");

  @TempDir
  Path dir;

  LeanRunner runner;

  @AfterEach
  void tearDown() {
    if (runner != null) {
      runner.close();
    }
  }

  private static void requireBubblewrap() {
    String problem = StandInLean.sandboxProblem();
    if (!problem.isEmpty()) {
      String message = "sandbox run skipped: " + problem + " (install bubblewrap to enable it)";
      System.out.println(message);
      Assumptions.abort(message);
    }
  }

  /** The value after each occurrence of {@code flag}, e.g. every {@code --ro-bind-try} source. */
  private static List<String> after(List<String> argv, String flag) {
    return IntStream.range(0, argv.size() - 1)
        .filter(i -> argv.get(i).equals(flag))
        .mapToObj(i -> argv.get(i + 1))
        .toList();
  }

  @Test
  void wrap_anyArgv_runsItLastWithNoNetworkOwnPidsAndOnlyTheGivenEnvironment() {
    Sandbox sandbox = new Sandbox(BWRAP, SandboxMounts.NONE);

    List<String> argv = sandbox.wrap(List.of("/usr/bin/env", "two words"), Map.of("FOO", "bar", "TMPDIR", "/host/tmp"),
        Path.of("/usr"), SandboxMounts.NONE);

    assertThat(argv.get(0)).isEqualTo(BWRAP.toString());
    assertThat(argv).contains("--unshare-net", "--unshare-pid", "--die-with-parent", "--new-session", "--clearenv");
    assertThat(argv.subList(argv.size() - 3, argv.size())).containsExactly("--", "/usr/bin/env", "two words");
    assertThat(String.join(" ", argv)).contains("--setenv FOO bar").contains("--setenv TMPDIR /tmp")
        .contains("--tmpfs /tmp").contains("--remount-ro /").contains("--chdir /usr");
    assertThat(argv.indexOf("--clearenv")).isLessThan(argv.indexOf("--setenv"));
  }

  @Test
  void wrap_systemOnly_showsNeitherHomesNorPasswd() {
    List<String> argv = new Sandbox(BWRAP, SandboxMounts.NONE)
        .wrap(List.of("/usr/bin/true"), Map.of(), Path.of("/usr"), SandboxMounts.NONE);

    assertThat(argv).doesNotContain("/etc/passwd", "/etc/shadow", "/etc", "/root", "/home");
    assertThat(after(argv, "--ro-bind-try")).contains("/etc/ld.so.cache");
  }

  @Test
  void wrap_scratchInsideReadOnlyWorkspace_bindsScratchWritableOnTop() {
    Path workspace = dir.resolve("ws");
    Path scratch = workspace.resolve(".leanprove-checks/run1");
    Sandbox sandbox = new Sandbox(BWRAP, SandboxMounts.readOnly(workspace));

    List<String> argv = sandbox.wrap(List.of("lake"), Map.of(), workspace, SandboxMounts.writable(scratch));

    assertThat(after(argv, "--ro-bind-try")).contains(workspace.toString());
    assertThat(after(argv, "--bind-try")).containsExactly(scratch.toString());
    assertThat(argv.indexOf(scratch.toString())).isGreaterThan(argv.indexOf(workspace.toString()));
  }

  @Test
  void wrap_workDirOutsideEveryMount_bindsItReadOnly() {
    Path work = dir.resolve("elsewhere");

    List<String> argv = new Sandbox(BWRAP, SandboxMounts.NONE).wrap(List.of("x"), Map.of(), work, SandboxMounts.NONE);

    assertThat(after(argv, "--ro-bind-try")).contains(work.toString());
    assertThat(after(argv, "--bind-try")).isEmpty();
  }

  @Test
  void mounts_hostRoot_refused() {
    assertThatThrownBy(() -> SandboxMounts.readOnly(Path.of("/")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("root");
  }

  @Test
  void detect_noBwrapOnPath_namesBubblewrap() {
    SandboxAvailability availability = Sandbox.detect(Map.of("PATH", dir.toString()));

    assertThat(availability.usable()).isFalse();
    assertThat(availability.problem()).contains("bubblewrap").contains("not installed");
  }

  @Test
  void detect_bwrapThatCannotBuildSandbox_reportsWhatItSaid() throws Exception {
    Path fake = dir.resolve("bwrap");
    Files.writeString(fake, "#!/bin/sh\necho 'bwrap: No permissions to create new namespace' >&2\nexit 1\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));

    SandboxAvailability availability = Sandbox.detect(Map.of(Sandbox.BWRAP_VARIABLE, fake.toString()));

    assertThat(availability.usable()).isFalse();
    assertThat(availability.problem()).contains(fake.toString()).contains("No permissions to create new namespace");
  }

  @Test
  void detect_workingBwrap_isUsable() {
    requireBubblewrap();

    SandboxAvailability availability = Sandbox.detect(System.getenv());

    assertThat(availability.usable()).isTrue();
    assertThat(availability.problem()).isEmpty();
  }

  @Test
  void run_sandboxed_childSeesOnlyTheInvocationsVariablesAndNoHostFiles() throws Exception {
    requireBubblewrap();
    Sandbox sandbox = Sandbox.detect(System.getenv()).sandbox().orElseThrow();
    runner = new LeanRunner(1, 1 << 20, Duration.ofMillis(200), Optional.of(sandbox));

    LeanRun run = runner.run(new LeanInvocation(
        List.of("/bin/sh", "-c", "env; ls /; test -e /etc/passwd && echo passwd-visible; echo ok > /tmp/own"),
        dir, Map.of("PATH", "/usr/bin:/bin", "FOO", "bar"), Duration.ofSeconds(20), 0, "")).get(30, TimeUnit.SECONDS);

    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).contains("FOO=bar", "TMPDIR=/tmp").doesNotContain("HOME=", "passwd-visible");
    assertThat(run.stdout().lines()).doesNotContain("home", "root", "var");
  }

  @Test
  void run_sandboxedMissingProgram_failsWithProcessStartException() {
    requireBubblewrap();
    Sandbox sandbox = Sandbox.detect(System.getenv()).sandbox().orElseThrow();
    runner = new LeanRunner(1, 1 << 20, Duration.ofMillis(200), Optional.of(sandbox));

    assertThatThrownBy(() -> runner.run(new LeanInvocation(List.of(dir.resolve("no-such-lake").toString()), dir,
        Map.of(), Duration.ofSeconds(5), 0, "")).get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(ProcessStartException.class);
  }
}
