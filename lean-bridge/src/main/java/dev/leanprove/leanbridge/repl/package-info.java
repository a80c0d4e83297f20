/**
 * Warm Lean: a pool of leanprover-community/repl processes ({@link dev.leanprove.leanbridge.repl.ReplPool}),
 * each with a file header (imports, options, opens) loaded once, running candidates as commands against
 * that environment. The wire format ({@link dev.leanprove.leanbridge.repl.ReplResponse}) is the REPL's:
 * commands are JSON objects separated by a blank line, answers pretty-printed JSON values followed by a
 * blank line.
 */
package dev.leanprove.leanbridge.repl;
