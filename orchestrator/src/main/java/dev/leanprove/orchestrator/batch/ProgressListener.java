package dev.leanprove.orchestrator.batch;

/** Told how a batch is going: at the start, after every problem, once a second, and at the end. */
public interface ProgressListener {

  void update(ProgressSnapshot snapshot);

  void finished(ProgressSnapshot snapshot);

  /** Tells nobody. */
  static ProgressListener none() {
    return new ProgressListener() {
      @Override
      public void update(ProgressSnapshot snapshot) {}

      @Override
      public void finished(ProgressSnapshot snapshot) {}
    };
  }
}
