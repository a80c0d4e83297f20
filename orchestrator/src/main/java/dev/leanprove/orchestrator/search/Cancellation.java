package dev.leanprove.orchestrator.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A request to stop a search: pending model answers are abandoned and running Lean processes are
 * killed (through the actions registered here). Thread-safe; cancelling twice does nothing more.
 * Work that finishes removes its action, so a long search holds only the actions of work still
 * running, not one (and what it captured) per finished round.
 */
public final class Cancellation {

  /** A registered action; {@link #remove()} once the work it would stop is over. */
  public interface Registration {
    void remove();
  }

  private final Set<Action> actions = new LinkedHashSet<>();
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
    List<Action> toRun;
    synchronized (this) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      toRun = new ArrayList<>(actions);
      actions.clear();
    }
    toRun.forEach(action -> action.run.run());
  }

  /** Runs {@code action} on cancellation, or at once when already cancelled. */
  public Registration onCancel(Runnable action) {
    Action registered = new Action(action);
    synchronized (this) {
      if (!cancelled) {
        actions.add(registered);
        return registered;
      }
    }
    action.run();
    return registered;
  }

  /** Actions still registered: what a finished piece of work forgot to remove shows up here. */
  public synchronized int registered() {
    return actions.size();
  }

  private synchronized void remove(Action action) {
    actions.remove(action);
  }

  /** One registration; identity equality, so the same runnable may be registered twice. */
  private final class Action implements Registration {
    private final Runnable run;

    Action(Runnable run) {
      this.run = run;
    }

    @Override
    public void remove() {
      Cancellation.this.remove(this);
    }
  }
}
