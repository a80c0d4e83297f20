package dev.leanprove.orchestrator.cli;

import dev.leanprove.orchestrator.batch.BatchInputException;
import dev.leanprove.orchestrator.batch.BatchOutcome;
import dev.leanprove.orchestrator.batch.BatchRun;
import dev.leanprove.orchestrator.batch.BatchSettings;
import dev.leanprove.orchestrator.batch.InputIssue;
import dev.leanprove.orchestrator.batch.LogProgress;
import dev.leanprove.orchestrator.batch.ProblemSelection;
import dev.leanprove.orchestrator.batch.ProblemSet;
import dev.leanprove.orchestrator.batch.ProgressListener;
import dev.leanprove.orchestrator.batch.RunSettings;
import dev.leanprove.orchestrator.batch.Summary;
import dev.leanprove.orchestrator.batch.TerminalProgress;
import dev.leanprove.orchestrator.engine.EngineConfig;
import dev.leanprove.orchestrator.engine.EngineException;
import dev.leanprove.orchestrator.engine.EngineType;
import dev.leanprove.orchestrator.search.Budget;
import dev.leanprove.orchestrator.search.SearchSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code leanprove batch PATH}: proves every problem of a miniF2F directory or DeepSeek JSONL file. */
@Command(name = "batch", mixinStandardHelpOptions = true,
    description = {"Proves every problem of a directory of .lean files (miniF2F-lean4 layout) or a DeepSeek JSONL file.",
        "Each judged attempt is appended to DIR/attempts.jsonl at once; DIR/proofs/ gets the verified files;",
        "DIR/summary.json, .md and .html give solved per category, pass@k and the failure mix.",
        "A killed run continues with --resume.",
        "Exit codes: 0 all proved, 1 some not proved, 2 bad input or options, 3 no toolchain or model server."})
final class BatchCommand implements Callable<Integer> {

  /** How long Ctrl-C waits for the in-flight problems to stop and the summary to be written. */
  static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "PATH", description = "A directory of .lean files, one .lean file, or a .jsonl file.")
  Path input;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "batch-out",
      description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--resume", description = "Continue the run in --out: finished problems and judged attempts are kept.")
  boolean resume;

  @Option(names = "--filter", paramLabel = "GLOB", description = "Only problems whose name matches, e.g. 'mathd_algebra_*' or '{imo,aime}*'.")
  String filter;

  @Option(names = "--split", paramLabel = "NAME",
      description = "Only this split: the JSONL split field, or the .lean file's folder name (Valid -> valid).")
  String split;

  @Option(names = "--limit", paramLabel = "N", description = "At most N problems (the first, in input order).")
  Integer limit;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4",
      description = "Problems in flight at once; they share the Lean process pool (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--first-proof",
      description = "Stop sampling a problem at its first proof (cheaper; pass@k is then not estimated).")
  boolean firstProof;

  @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
      description = "bar (a progress bar), log (a line every --log-every seconds), none, or auto: bar on a terminal, else log.")
  String progress;

  @Option(names = "--log-every", paramLabel = "SECONDS", defaultValue = "30",
      description = "Seconds between progress lines in log mode (default: ${DEFAULT-VALUE}).")
  long logEverySeconds;

  @Mixin
  LeanOptions lean;

  @Mixin
  EngineOptions engine;

  @Mixin
  ClusterOptions cluster;

  @Mixin
  LogOptions logs;

  private final CliEnvironment env;

  BatchCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws InterruptedException {
    logs.install(env);
    ProblemSelection selection = selection();
    if (logEverySeconds < 0) {
      throw new ExitException(ExitCodes.USAGE, "--log-every must not be negative: " + logEverySeconds);
    }
    PrintWriter err = spec.commandLine().getErr();
    ProgressListener listener = progressListener(err);
    ProblemSet problems;
    try {
      problems = ProblemSet.load(input, lean.maxFileBytes()).select(selection);
    } catch (BatchInputException e) {
      throw new ExitException(ExitCodes.USAGE, e.getMessage());
    }
    if (problems.problems().isEmpty()) {
      throw new ExitException(ExitCodes.USAGE, "no problem in " + input + " matches the selection");
    }
    for (InputIssue issue : problems.issues()) {
      err.println("leanprove: skipped " + issue);
    }
    Budget budget = engine.budget();
    try (Services services = Services.start(env, lean, engine, budget, cluster.config())) {
      BatchSettings settings = batchSettings(services, budget);
      BatchRun run;
      try {
        run = BatchRun.open(out, resume, settings, services::proverWith);
      } catch (BatchInputException e) {
        throw new ExitException(ExitCodes.USAGE, e.getMessage());
      }
      try (run) {
        return prove(run, problems, services, listener);
      }
    }
  }

  private int prove(BatchRun run, ProblemSet problems, Services services, ProgressListener listener) throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    int finished = run.alreadyFinished(problems);
    if (finished > 0) {
      err.printf("leanprove: resuming: %d of %d problems already finished%n", finished, problems.problems().size());
    }
    CountDownLatch summarized = new CountDownLatch(1);
    Thread onInterrupt = new Thread(() -> {
      run.cancel();
      try {
        summarized.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "leanprove-batch-stop");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    BatchOutcome outcome;
    try {
      run.prove(problems, services.vertx.getOrCreateContext(), listener).await();
      outcome = run.summarize(problems);
    } catch (RuntimeException e) {
      throw new ExitException(ExitCodes.ENVIRONMENT, "the batch stopped: " + e.getMessage());
    } finally {
      summarized.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running: it waits for the latch released above.
      }
    }
    outcome.warnings().forEach(w -> err.println("leanprove: " + w));
    print(outcome.summary(), spec.commandLine().getOut());
    if (outcome.stopReason().isPresent()) {
      err.println("leanprove: the batch stopped early (" + outcome.stopReason().get() + "); continue it with --resume --out " + out);
      boolean cancelled = outcome.stopReason().get().equals("cancelled");
      return cancelled ? ExitCodes.NOT_ALL_PROVED : ExitCodes.ENVIRONMENT;
    }
    return outcome.summary().allProved() ? ExitCodes.OK : ExitCodes.NOT_ALL_PROVED;
  }

  private ProblemSelection selection() {
    if (limit != null && limit < 1) {
      throw new ExitException(ExitCodes.USAGE, "--limit must be at least 1: " + limit);
    }
    try {
      return new ProblemSelection(Optional.ofNullable(filter), Optional.ofNullable(split),
          limit == null ? OptionalInt.empty() : OptionalInt.of(limit));
    } catch (IllegalArgumentException e) {
      throw new ExitException(ExitCodes.USAGE, "--filter: " + e.getMessage());
    }
  }

  private ProgressListener progressListener(PrintWriter err) {
    switch (progress.trim().toLowerCase(Locale.ROOT)) {
      case "auto":
        return System.console() != null ? new TerminalProgress(err) : new LogProgress(err, Duration.ofSeconds(logEverySeconds));
      case "bar":
        return new TerminalProgress(err);
      case "log":
        return new LogProgress(err, Duration.ofSeconds(logEverySeconds));
      case "none":
        return ProgressListener.none();
      default:
        throw new ExitException(ExitCodes.USAGE, "--progress must be auto, bar, log or none: " + progress);
    }
  }

  private BatchSettings batchSettings(Services services, Budget budget) {
    SearchSettings search = engine.settings();
    String engineName = services.engines.defaultName();
    EngineConfig config = services.engines.config(engineName);
    String model = config == null ? "" : servedModel(services, config);
    RunSettings run = new RunSettings(engineName, model, services.leanVersion, budget.samples(),
        search.maxTokens(), RunSettings.describe(search), search.portfolioFirst(), firstProof, search.seed());
    try {
      return new BatchSettings(run, search, budget.tokens(), budget.wall(), concurrency);
    } catch (IllegalArgumentException e) {
      throw new ExitException(ExitCodes.USAGE, e.getMessage());
    }
  }

  /**
   * The model id the attempts are recorded with. Without --model an OpenAI server's first model is
   * used, so it is asked here: the record then names the model, and a server that is down stops
   * the batch before any folder is made.
   */
  private static String servedModel(Services services, EngineConfig config) {
    if (config.type() != EngineType.OPENAI || !config.model().isBlank()) {
      return config.model();
    }
    List<String> ids;
    try {
      ids = services.factory.openAi(config).models().await();
    } catch (RuntimeException e) {
      String why = e instanceof EngineException ? e.getMessage() : e.toString();
      throw new ExitException(ExitCodes.ENVIRONMENT, "the model server at " + endpoint(config) + " could not be used: " + why);
    }
    if (ids.isEmpty()) {
      throw new ExitException(ExitCodes.ENVIRONMENT, "the model server at " + endpoint(config) + " serves no model");
    }
    return ids.get(0);
  }

  private static String endpoint(EngineConfig config) {
    return config.endpoint().map(Object::toString).orElse("?");
  }

  private void print(Summary s, PrintWriter out) {
    out.printf(Locale.ROOT, "Solved %d / %d (%.1f%%): by portfolio %d, not proved %d, invalid %d, unfinished %d%n", s.proved(),
        s.total(), s.solvedRate() * 100, s.portfolioSolved(), s.notProved(), s.invalid(), s.unfinished());
    if (s.passAtK().isEmpty()) {
      out.println("pass@k: " + s.passAtKNote());
    } else {
      out.println(s.passAtK().stream().map(v -> String.format(Locale.ROOT, "pass@%d %.1f%%", v.k(), v.value() * 100))
          .collect(Collectors.joining("  ")) + "  (over " + s.passAtKProblems() + " problems)");
    }
    out.println("By category: " + s.categories().stream().map(c -> c.category() + " " + c.proved() + "/" + c.total())
        .collect(Collectors.joining(", ")));
    if (!s.failures().isEmpty()) {
      out.println("Not proved: " + s.failures().stream().map(f -> f.reason() + " " + f.count()).collect(Collectors.joining(", ")));
    }
    out.printf(Locale.ROOT, "%d attempts, %d model samples, %,d completion tokens%n", s.attempts(), s.samples(), s.completionTokens());
    out.println("Results in " + this.out + ": attempts.jsonl, proofs/, summary.json, summary.md, summary.html");
  }
}
