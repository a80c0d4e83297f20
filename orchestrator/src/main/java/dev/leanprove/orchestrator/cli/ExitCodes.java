package dev.leanprove.orchestrator.cli;

/** The CLI's exit codes (DESIGN §9); scripts and CI rely on them. */
public final class ExitCodes {

  /** Everything asked for is proved or accepted. */
  public static final int OK = 0;

  /** It ran, but not everything is proved. */
  public static final int NOT_ALL_PROVED = 1;

  /** Bad usage or bad input. */
  public static final int USAGE = 2;

  /** The environment is missing something: no toolchain, workspace not set up, engine unreachable. */
  public static final int ENVIRONMENT = 3;

  private ExitCodes() {}
}
