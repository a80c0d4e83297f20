package dev.leanprove.leanbridge.verdict;

import dev.leanprove.leanbridge.process.LeanInvocation;
import dev.leanprove.leanbridge.process.LeanRun;
import dev.leanprove.leanbridge.process.LeanRunner;
import dev.leanprove.leanbridge.process.SandboxMounts;
import dev.leanprove.leanbridge.process.Termination;
import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.toolchain.LeanEnvironment;
import dev.leanprove.leanbridge.toolchain.Toolchain;
import dev.leanprove.leanbridge.workspace.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The second stage of a verdict: the challenge (the original file, every proof {@code sorry}) and
 * the candidate are compiled to .olean files, and the kernel-replay checker built by
 * {@code leanprove setup} confirms each target from them without running any of the candidate's code.
 */
final class KernelReplay implements AutoCloseable {

  static final String CHALLENGES_DIR = "challenges";

  private final Toolchain toolchain;
  private final Workspace workspace;
  private final LeanRunner runner;
  private final Map<String, String> lakeEnv;
  private final VerifierConfig config;
  private final CheckerPool pool;
  private final Map<String, CompletableFuture<Compiled>> challenges = new ConcurrentHashMap<>();
  // Keyed by the source object (LeanSource has identity equality): every candidate of a job shares its
  // source, so the challenge text and its hash are made once per job, not once per PROVED candidate.
  private final Map<LeanSource, Challenge> challengeTexts = Collections.synchronizedMap(new WeakHashMap<>());
  private final AtomicInteger challengesMade = new AtomicInteger();
  private final AtomicLong requestIds = new AtomicLong();
  private final ThreadPoolExecutor asking;

  KernelReplay(Toolchain toolchain, Workspace workspace, LeanRunner runner, LeanEnvironment environment,
      VerifierConfig config, UnaryOperator<List<String>> launcher) {
    this.toolchain = toolchain;
    this.workspace = workspace;
    this.runner = runner;
    this.lakeEnv = environment.forLake(toolchain.lake());
    this.config = config;
    // `lake env` gives the checker Lean's search path (LEAN_PATH), which its importModules needs.
    this.pool = new CheckerPool(List.of(toolchain.lake().toString(), "env", workspace.checker().toString()),
        workspace.dir(), lakeEnv, launcher);
    AtomicInteger ids = new AtomicInteger();
    this.asking = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "lean-replay-" + ids.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    asking.allowCoreThreadTimeOut(true);
  }

  /** An .olean compiled from some text, or why there is none. */
  record Compiled(Optional<Path> olean, String why) {}

  /** A source's challenge text and the key its .olean is cached under. */
  private record Challenge(String key, String text) {}

  boolean available() {
    return workspace.hasChecker();
  }

  /**
   * Where the first-stage run writes the candidate's .olean ({@code -o}), when the checker can use
   * it: in the run's own scratch directory, the only place a sandboxed run may write.
   */
  Optional<Path> candidateOleanIn(Path scratch) {
    return available() ? Optional.of(scratch.resolve("Candidate.olean")) : Optional.empty();
  }

  /**
   * Confirms {@code targets} of the checked text with the kernel checker.
   *
   * @param original the source the candidate answers, from which the challenge is made
   * @param candidateOlean the first stage's .olean of {@code checkedText}, if it wrote one
   */
  CompletableFuture<ReplayOutcome> confirm(LeanSource original, String checkedText, Optional<Path> candidateOlean,
      List<String> targets) {
    if (!available()) {
      return CompletableFuture.completedFuture(ReplayOutcome.unavailable(
          "the kernel checker is not built in " + workspace.dir() + " (run `leanprove setup`)"));
    }
    if (targets.isEmpty()) {
      return CompletableFuture.completedFuture(ReplayOutcome.checked(List.of()));
    }
    Challenge made = challengeTexts.computeIfAbsent(original, this::challengeFor);
    CompletableFuture<Compiled> challenge = challenges.computeIfAbsent(made.key(), h -> compileChallenge(h, made.text()));
    boolean ours = candidateOlean.isEmpty() || !Files.isRegularFile(candidateOlean.get());
    CompletableFuture<Compiled> candidate =
        ours ? compile(checkedText, "Candidate") : CompletableFuture.completedFuture(new Compiled(candidateOlean, ""));
    return challenge.thenCombine(candidate, (c, k) -> new Compiled[] {c, k})
        .thenApplyAsync(both -> {
          try {
            return ask(both[0], both[1], targets, baseOf(original));
          } finally {
            if (ours) {
              both[1].olean().ifPresent(o -> Workspace.deleteScratch(o.getParent()));
            }
          }
        }, asking);
  }

  private ReplayOutcome ask(Compiled challenge, Compiled candidate, List<String> targets, String base) {
    if (challenge.olean().isEmpty()) {
      challenges.values().removeIf(f -> f.isDone() && f.join().olean().isEmpty());
      return ReplayOutcome.failed(ReasonCode.SYSTEM_ERROR, "the challenge did not compile: " + challenge.why());
    }
    if (candidate.olean().isEmpty()) {
      // Lean writes no .olean for a file with errors anywhere, even far from the target.
      return ReplayOutcome.unavailable("the checked text did not compile to an .olean: " + candidate.why());
    }
    ReplayRequest request = new ReplayRequest(requestIds.incrementAndGet(), challenge.olean().get(),
        candidate.olean().get(), targets, config.checkerAllowedAxioms());
    try {
      String answer = pool.ask(base, request.toJsonLine(), config.timeout());
      return ReplayOutcome.checked(ReplayResult.parseAnswer(answer, request.id()));
    } catch (TimeoutException e) {
      return ReplayOutcome.failed(ReasonCode.TIMEOUT,
          "the kernel checker did not answer within " + config.timeout().toSeconds() + " s and was killed");
    } catch (IOException | IllegalArgumentException e) {
      return ReplayOutcome.failed(ReasonCode.SYSTEM_ERROR, String.valueOf(e.getMessage()));
    }
  }

  private CompletableFuture<Compiled> compileChallenge(String hash, String text) {
    Path dir = workspace.checksDir().resolve(CHALLENGES_DIR);
    Path olean = dir.resolve("Challenge_" + hash + ".olean");
    if (Files.isRegularFile(olean)) {
      return CompletableFuture.completedFuture(new Compiled(Optional.of(olean), ""));
    }
    // Compiled in a scratch directory like any run, then moved into the cache: a run never writes the cache itself.
    return compile(text, "Challenge").thenApply(compiled -> {
      if (compiled.olean().isEmpty()) {
        return compiled;
      }
      Path scratch = compiled.olean().get().getParent();
      try {
        Files.createDirectories(dir);
        Files.move(compiled.olean().get(), olean, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Compiled(Optional.of(olean), "");
      } catch (IOException e) {
        return new Compiled(Optional.empty(), "cannot keep the challenge's .olean in " + dir + ": " + e.getMessage());
      } finally {
        Workspace.deleteScratch(scratch);
      }
    });
  }

  /**
   * {@code lake env lean -o NAME.olean NAME.lean} in a scratch directory of its own, the only place
   * the (sandboxed) run may write; the .lean file is removed afterwards, the directory when the run fails.
   */
  private CompletableFuture<Compiled> compile(String text, String name) {
    Path dir;
    try {
      dir = workspace.newScratchDir();
    } catch (IOException e) {
      return CompletableFuture.completedFuture(new Compiled(Optional.empty(), "cannot make a scratch directory: " + e.getMessage()));
    }
    Path source = dir.resolve(name + ".lean");
    Path olean = dir.resolve(name + ".olean");
    try {
      Files.writeString(source, text);
    } catch (IOException e) {
      Workspace.deleteScratch(dir);
      return CompletableFuture.completedFuture(new Compiled(Optional.empty(), "cannot write " + source + ": " + e.getMessage()));
    }
    List<String> argv = List.of(toolchain.lake().toString(), "env", "lean", "-o", olean.toString(), source.toString());
    LeanInvocation invocation = new LeanInvocation(argv, workspace.dir(), lakeEnv, config.timeout(), config.memoryLimitBytes(),
        "", SandboxMounts.writable(dir));
    return runner.run(invocation).handle((run, error) -> {
      deleteQuietly(source);
      if (error == null && run.termination() == Termination.EXITED && run.exitCode() == 0 && Files.isRegularFile(olean)) {
        return new Compiled(Optional.of(olean), "");
      }
      Workspace.deleteScratch(dir);
      return new Compiled(Optional.empty(), error != null ? String.valueOf(error.getMessage()) : describe(run));
    });
  }

  private static String describe(LeanRun run) {
    String out = (run.stdout() + "\n" + run.stderr()).strip();
    return "lean ended " + run.termination() + " with exit " + run.exitCode()
        + (out.isEmpty() ? "" : ": " + TheoremJudge.oneLine(out));
  }

  private Challenge challengeFor(LeanSource original) {
    challengesMade.incrementAndGet();
    String text = challengeOf(original);
    return new Challenge(hash(text), text);
  }

  /** The original text with every theorem's proof replaced by {@code sorry}: the statements alone. */
  static String challengeOf(LeanSource original) {
    return original.replaceEveryProof("by sorry");
  }

  /** The import lines that decide the checker's base environment. */
  static String baseOf(LeanSource source) {
    return source.header().text().lines().map(String::strip).filter(l -> l.startsWith("import "))
        .collect(Collectors.joining("\n"));
  }

  private String hash(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(toolchain.leanVersion().toString().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover file costs disk only.
    }
  }

  int checkerStarts() {
    return pool.starts();
  }

  /** How many times a challenge text was made from a source. */
  int challengesMade() {
    return challengesMade.get();
  }

  @Override
  public void close() {
    pool.close();
    asking.shutdownNow();
  }
}
