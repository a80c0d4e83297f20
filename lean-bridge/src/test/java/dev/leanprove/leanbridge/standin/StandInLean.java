package dev.leanprove.leanbridge.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leanprove.leanbridge.LeanBridge;
import dev.leanprove.leanbridge.process.LeanRunner;
import dev.leanprove.leanbridge.process.Sandbox;
import dev.leanprove.leanbridge.process.SandboxMode;
import dev.leanprove.leanbridge.process.SandboxPolicy;
import dev.leanprove.leanbridge.repl.ReplPool;
import dev.leanprove.leanbridge.repl.ReplPoolConfig;
import dev.leanprove.leanbridge.toolchain.LeanEnvironment;
import dev.leanprove.leanbridge.toolchain.LeanVersion;
import dev.leanprove.leanbridge.toolchain.Toolchain;
import dev.leanprove.leanbridge.toolchain.ToolchainMissingException;
import dev.leanprove.leanbridge.verdict.LakeVerifier;
import dev.leanprove.leanbridge.verdict.VerifierConfig;
import dev.leanprove.leanbridge.workspace.Workspace;
import dev.leanprove.leanbridge.workspace.WorkspaceLayout;
import dev.leanprove.leanbridge.workspace.WorkspaceSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stand-in toolchain ready for a test: a laid-out workspace, an oracle file the test fills,
 * the environment that puts the fake {@code lake} first on PATH, and a log of every process it ran.
 *
 * <p>Its Lean runs are sandboxed like the service's wherever bubblewrap works (the oracle is mounted
 * read-only and the log writable into each sandbox), unless created with {@link SandboxMode#OFF}.
 */
public final class StandInLean implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final Workspace workspace;
  private final Path oracleFile;
  private final Path logFile;
  private final ObjectNode oracle = JSON.createObjectNode();
  private final Map<String, String> extraEnv = new HashMap<>();
  private final LeanRunner runner;
  private final List<LakeVerifier> verifiers = new ArrayList<>();

  /** Where a sandboxed process is gone by now and its host PID can no longer be known. */
  public static final long GONE = -1;

  private StandInLean(Path dir, int concurrency, SandboxMode mode) throws IOException {
    this.dir = dir;
    Path ws = dir.resolve("workspace");
    WorkspaceLayout.layOut(ws, WorkspaceSpec.DEFAULT);
    Files.createDirectories(ws.resolve(".lake/packages/mathlib"));
    this.workspace = new Workspace(ws);
    this.oracleFile = dir.resolve("oracle.json");
    this.logFile = dir.resolve("fake-lean.log");
    oracle.putObject("theorems");
    oracle.putObject("propositions");
    writeOracle();
    // Bound into each sandbox as a file, so it must exist first.
    Files.write(logFile, new byte[0]);
    Optional<Sandbox> sandbox = Optional.empty();
    if (mode != SandboxMode.OFF) {
      try {
        SandboxPolicy policy = SandboxPolicy.fromEnvironment(mode, systemEnv());
        sandbox = LeanBridge.sandboxFor(systemEnv(), workspace, policy.extraMounts()).sandbox();
      } catch (ToolchainMissingException e) {
        throw new IllegalStateException(e);
      }
      if (sandbox.isEmpty() && mode == SandboxMode.REQUIRED) {
        throw new IllegalStateException("bubblewrap is required but " + Sandbox.detect(systemEnv()).problem());
      }
    }
    this.runner = new LeanRunner(concurrency, LeanRunner.DEFAULT_OUTPUT_CAP_BYTES, LeanRunner.DEFAULT_KILL_GRACE, sandbox);
  }

  /**
   * A stand-in in {@code dir} (a test's temp dir) running at most {@code concurrency} Lean processes,
   * sandboxed where bubblewrap works.
   */
  public static StandInLean create(Path dir, int concurrency) {
    return create(dir, concurrency, SandboxMode.PREFERRED);
  }

  /** A stand-in whose runs are sandboxed as {@code mode} says ({@code REQUIRED} fails where bubblewrap does not work). */
  public static StandInLean create(Path dir, int concurrency, SandboxMode mode) {
    try {
      return new StandInLean(dir, concurrency, mode);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Why bubblewrap cannot sandbox here, for tests that skip; empty where it can. */
  public static String sandboxProblem() {
    return Sandbox.detect(System.getenv()).problem();
  }

  /** The folder with the fake {@code lake} and {@code lean}. */
  public static Path bin() {
    String property = System.getProperty("leanprove.standin.bin");
    Path bin = property != null ? Path.of(property) : Path.of("src/test/standin/bin").toAbsolutePath();
    if (!Files.isExecutable(bin.resolve("lake"))) {
      throw new IllegalStateException("stand-in lake not found in " + bin + " (system property leanprove.standin.bin)");
    }
    return bin;
  }

  /** Lets {@code body} prove the theorem {@code name} (a body as after {@code :=}, with or without {@code by}). */
  public StandInLean accept(String name, String... bodies) {
    ArrayNode accept = theorem(name).withArray("accept");
    for (String body : bodies) {
      accept.add(body);
    }
    return writeOracle();
  }

  /** The goal reported in {@code unsolved goals} for the theorem. */
  public StandInLean goal(String name, String goal) {
    theorem(name).put("goal", goal);
    return writeOracle();
  }

  /** What {@code #print axioms} lists for the theorem when its proof works. */
  public StandInLean axioms(String name, String... axioms) {
    ArrayNode list = theorem(name).putArray("axioms");
    for (String a : axioms) {
      list.add(a);
    }
    return writeOracle();
  }

  /** What checking the theorem costs (a sleep in the stand-in, per check, in either mode). */
  public StandInLean delay(String name, long millis) {
    theorem(name).put("delay_ms", millis);
    return writeOracle();
  }

  /** Sketch steps that are fine for the theorem. */
  public StandInLean steps(String name, String... steps) {
    ArrayNode list = theorem(name).withArray("steps");
    for (String s : steps) {
      list.add(s);
    }
    return writeOracle();
  }

  /** Bodies proving a proposition wherever it appears (subgoal lemmas, {@code have} steps). */
  public StandInLean proposition(String proposition, String... bodies) {
    ArrayNode list = ((ObjectNode) oracle.get("propositions")).withArray(proposition);
    for (String b : bodies) {
      list.add(b);
    }
    return writeOracle();
  }

  /** Sets one more environment variable for every run (a knob such as FAKE_LEAN_DELAY_MS). */
  public StandInLean env(String name, String value) {
    extraEnv.put(name, value);
    return this;
  }

  private ObjectNode theorem(String name) {
    ObjectNode theorems = (ObjectNode) oracle.get("theorems");
    JsonNode existing = theorems.get(name);
    return existing != null ? (ObjectNode) existing : theorems.putObject(name);
  }

  private StandInLean writeOracle() {
    try {
      // Written aside and moved into place: a Lean run in flight must never read half an oracle.
      Path next = Files.createTempFile(dir, "oracle", ".json");
      Files.writeString(next, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(oracle));
      Files.move(next, oracleFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** The variables a process sees: the stand-in first on PATH, its oracle and log. */
  public Map<String, String> systemEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", bin() + ":/usr/local/bin:/usr/bin:/bin");
    env.put("HOME", dir.toString());
    env.put("FAKE_LEAN_ORACLE", oracleFile.toString());
    env.put("FAKE_LEAN_LOG", logFile.toString());
    env.put(SandboxPolicy.READ_ONLY_VARIABLE, oracleFile.toString());
    env.put(SandboxPolicy.WRITABLE_VARIABLE, logFile.toString());
    env.putAll(extraEnv);
    return env;
  }

  public Toolchain toolchain() {
    return toolchain(LeanVersion.parse("4.24.0").orElseThrow());
  }

  /** A toolchain claiming another Lean version (e.g. one without --json, to exercise plain output). */
  public Toolchain toolchain(LeanVersion version) {
    return new Toolchain(bin().resolve("lake"), "Lake version 5.0.0-src+797c613 (Lean version " + version + ")", version);
  }

  public LakeVerifier verifier(VerifierConfig config) {
    return verifier(config, toolchain());
  }

  public LakeVerifier verifier(VerifierConfig config, Toolchain toolchain) {
    LakeVerifier verifier = new LakeVerifier(toolchain, workspace, runner, LeanEnvironment.from(systemEnv()), config);
    verifiers.add(verifier);
    return verifier;
  }

  /** Builds the kernel-replay checker in the workspace, as {@code leanprove setup} does. */
  public StandInLean buildChecker() {
    try {
      ProcessBuilder build = new ProcessBuilder(bin().resolve("lake").toString(), "build", "leanprove-checker")
          .directory(workspace.dir().toFile()).redirectErrorStream(true);
      build.environment().clear();
      build.environment().putAll(systemEnv());
      Process p = build.start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (p.waitFor() != 0 || !workspace.hasChecker()) {
        throw new IllegalStateException("stand-in checker build failed: " + out);
      }
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** How many kernel-checker processes the stand-in started. */
  public long checkerStarts() {
    return log().stream().filter(r -> r.path("prog").asText().equals("checker")).count();
  }

  /** How many checks the stand-in kernel checker answered or began. */
  public long checkerRequests() {
    return log().stream().filter(r -> r.path("prog").asText().equals("checker-request")).count();
  }

  /** Puts the stand-in REPL where {@code lake build repl} would (as the stand-in's {@code lake build} does). */
  public StandInLean withRepl() {
    Path binary = workspace.dir().resolve(".lake/packages/REPL/.lake/build/bin/repl");
    try {
      Files.createDirectories(binary.getParent());
      Files.writeString(binary, "#!/bin/sh\nexec '" + bin().resolve("repl") + "' \"$@\"\n");
      binary.toFile().setExecutable(true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** A pool of stand-in REPLs in this workspace, started as real Lake would: {@code lake env REPL}. */
  public ReplPool replPool(int maxProcesses, long memoryLimitBytes) {
    return new ReplPool(replConfig(maxProcesses, memoryLimitBytes));
  }

  public ReplPoolConfig replConfig(int maxProcesses, long memoryLimitBytes) {
    Path binary = workspace.replBinary().orElseThrow(() -> new IllegalStateException("call withRepl() first"));
    return ReplPoolConfig.of(List.of(bin().resolve("lake").toString(), "env", binary.toString()), workspace.dir(),
        LeanEnvironment.from(systemEnv()).forLake(bin().resolve("lake")), maxProcesses, memoryLimitBytes);
  }

  /** How many REPL processes the stand-in started. */
  public long replStarts() {
    return log().stream().filter(r -> r.path("prog").asText().equals("repl")).count();
  }

  /** A verifier whose first stage runs in {@code pool} (see {@link #replPool}). */
  public LakeVerifier replVerifier(VerifierConfig config, ReplPool pool) {
    return new LakeVerifier(toolchain(), workspace, runner, LeanEnvironment.from(systemEnv()), config, pool);
  }

  public Workspace workspace() {
    return workspace;
  }

  public LeanRunner runner() {
    return runner;
  }

  /**
   * Every process the stand-in started (lake, lean, grandchildren), from its log, as this JVM's PIDs.
   * A sandboxed process logs its PID inside the sandbox; while it runs it is found under its host PID,
   * and once gone it is listed as {@link #GONE}, which no running process has.
   */
  public List<Long> startedPids() {
    String ownNamespace = ProcessProbe.ownPidNamespace();
    List<Long> pids = new ArrayList<>();
    for (JsonNode record : log()) {
      long pid = record.get("pid").asLong();
      String namespace = record.path("pidns").asText("");
      if (namespace.isEmpty() || namespace.equals(ownNamespace)) {
        pids.add(pid);
      } else {
        pids.add(ProcessProbe.hostPid(namespace, pid).orElse(GONE));
      }
    }
    return pids;
  }

  /**
   * The stand-in processes still running, counted by program ({@code lake}, {@code lean}, {@code repl},
   * {@code sleep} of {@code hang-child}, ...), sandboxed ones found by their PID namespace as in
   * {@link #startedPids()}. A PID namespace's name is an inode number the kernel reuses once the
   * namespace is gone, so a host process counts only when its environment names this stand-in's log,
   * and once however many log lines lead to it: what a test that must leave no Lean behind looks at.
   */
  public Map<String, Long> runningPrograms() {
    String ownNamespace = ProcessProbe.ownPidNamespace();
    Map<Long, String> running = new HashMap<>();
    for (JsonNode record : log()) {
      long pid = record.get("pid").asLong();
      String namespace = record.path("pidns").asText("");
      long host = namespace.isEmpty() || namespace.equals(ownNamespace) ? pid : ProcessProbe.hostPid(namespace, pid).orElse(GONE);
      if (host != GONE && ProcessProbe.isRunning(host) && ours(host)) {
        running.put(host, record.path("prog").asText("?"));
      }
    }
    Map<String, Long> byProgram = new java.util.TreeMap<>();
    running.values().forEach(prog -> byProgram.merge(prog, 1L, Long::sum));
    return byProgram;
  }

  private boolean ours(long hostPid) {
    try {
      byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(hostPid), "environ"));
      String expected = "FAKE_LEAN_LOG=" + logFile;
      for (String entry : new String(environ, java.nio.charset.StandardCharsets.UTF_8).split("\0")) {
        if (entry.equals(expected)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether this stand-in's runs start inside bubblewrap. */
  public boolean sandboxed() {
    return runner.sandbox().isPresent();
  }

  /** How many {@code lean} processes ran. */
  public long leanRuns() {
    return log().stream().filter(r -> r.path("prog").asText().equals("lean")).count();
  }

  private List<JsonNode> log() {
    List<JsonNode> records = new ArrayList<>();
    if (!Files.exists(logFile)) {
      return records;
    }
    try {
      for (String line : Files.readAllLines(logFile)) {
        if (!line.isBlank()) {
          records.add(JSON.readTree(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return records;
  }

  @Override
  public void close() {
    verifiers.forEach(LakeVerifier::close);
    runner.close();
  }
}
