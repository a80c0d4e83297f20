package dev.leanprove.leanbridge.process;

import java.time.Duration;

/**
 * A long-lived process started elsewhere (a REPL), watched as a tree: the resident memory of its
 * members and one kill that takes its descendants too, the same way {@link LeanRunner} kills a run.
 */
public final class WatchedTree {

  private final ProcessTree tree;

  public WatchedTree(ProcessHandle root) {
    this.tree = new ProcessTree(root);
  }

  /** Whether {@link #residentBytes()} can measure anything here (Linux {@code /proc}). */
  public static boolean memoryMeasurable() {
    return ProcStatus.available();
  }

  /**
   * The summed anonymous resident memory (RssAnon) of the live members now, remembering new
   * descendants for the kill; 0 where there is no {@code /proc}.
   */
  public long residentBytes() {
    long resident = 0;
    for (ProcessHandle handle : tree.track()) {
      resident += ProcStatus.read(handle.pid()).map(ProcStatus::residentBytes).orElse(0L);
    }
    return resident;
  }

  /**
   * SIGTERM to every member, SIGKILL to the survivors after {@code grace}, then waits (bounded)
   * until they are gone. Blocks the caller for at most about the grace period plus a settle slack.
   */
  public void kill(Duration grace) {
    if (!tree.destroy()) {
      return;
    }
    if (!tree.awaitExit(grace)) {
      tree.destroyForcibly();
      tree.awaitExit(LiveRun.SETTLE_SLACK);
    }
  }
}
