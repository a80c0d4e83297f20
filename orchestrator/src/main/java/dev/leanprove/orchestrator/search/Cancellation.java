package dev.leanprove.orchestrator.search;

import java.util.ArrayList;
import java.util.List;

/**
 * A request to stop a search: pending model answers are abandoned and running Lean processes are
 * killed (through the futures registered here). Thread-safe; cancelling twice does nothing more.
 */
public final class Cancellation {

  private final List<Runnable> actions = new ArrayList<>();
  private boolean cancelled;

  /** A cancellation nobody will ever trigger, for callers that cannot cancel. */
  public static Cancellation none() {
    return new Cancellation();
  }

  public synchronized boolean isCancelled() {
    return cancelled;
  }

  /** Runs every registered action once. */
  public void cancel() {
    List<Runnable> toRun;
    synchronized (this) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      toRun = new ArrayList<>(actions);
      actions.clear();
    }
    toRun.forEach(Runnable::run);
  }

  /** Runs {@code action} on cancellation, or at once when already cancelled. */
  public void onCancel(Runnable action) {
    synchronized (this) {
      if (!cancelled) {
        actions.add(action);
        return;
      }
    }
    action.run();
  }
}
