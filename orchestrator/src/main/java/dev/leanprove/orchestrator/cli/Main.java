package dev.leanprove.orchestrator.cli;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code leanprove} command line. */
@Command(
    name = "leanprove",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Proves Lean 4 theorems with DeepSeek-Prover-V2 models; every proof is checked by real Lean.",
    subcommands = {CheckCommand.class, ProveCommand.class, BatchCommand.class, ServeCommand.class, WorkerCommand.class, EnginesCommand.class, SetupCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  @picocli.CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(run(args, CliEnvironment.system(), out, err));
  }

  /** Runs one command line and returns its exit code; the entry point tests use. */
  public static int run(String[] args, CliEnvironment env, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main(), new Factory(env));
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (ex instanceof ExitException) {
            commandLine.getErr().println("leanprove: " + ex.getMessage());
            return ((ExitException) ex).exitCode();
          }
          throw ex;
        });
    cli.setExitCodeExceptionMapper(ex -> ex instanceof CommandLine.ParameterException ? ExitCodes.USAGE : ExitCodes.ENVIRONMENT);
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try `leanprove --help`.");
  }

  /** Gives every command the environment, so nothing reads System.getenv behind the caller's back. */
  private static final class Factory implements CommandLine.IFactory {

    private final CliEnvironment env;

    Factory(CliEnvironment env) {
      this.env = env;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      try {
        Constructor<K> withEnv = cls.getDeclaredConstructor(CliEnvironment.class);
        return withEnv.newInstance(env);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(cls);
      }
    }
  }
}
