package dev.leanprove.leanbridge.process;

/** Whether Lean runs inside bubblewrap, and what happens where bubblewrap cannot run. */
public enum SandboxMode {
  /** Always sandboxed; starting fails where bubblewrap is missing or unusable (the service). */
  REQUIRED,
  /** Sandboxed where bubblewrap works, else unsandboxed with a warning (one-shot commands). */
  PREFERRED,
  /** Never sandboxed ({@code --no-sandbox}). */
  OFF
}
