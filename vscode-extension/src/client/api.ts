/**
 * The leanprove HTTP API as plain functions: no editor in here, so the same code runs in the
 * extension and in tests against a real server. Uses the fetch built into Node 18+.
 */

import { SseParser } from './sse';
import { Range, TextEdit } from './edits';

export interface ClientOptions {
  /** e.g. http://127.0.0.1:8080 */
  serverUrl: string;
  /** Bearer token; empty for none. */
  token?: string;
}

export interface Budget {
  samples?: number;
  tokens?: number;
  seconds?: number;
}

export interface ProveOptions {
  code: string;
  /** Prove-at-cursor: line from 0 (with `column`). */
  line?: number;
  /** Prove-at-cursor: UTF-16 code units from 0 (with `line`). */
  column?: number;
  theorem?: string;
  engine?: string;
  budget?: Budget;
}

export interface Attempt {
  strategy: string;
  engine: string;
  verdict: string;
  detail: string;
  proof: string;
}

export interface TheoremResult {
  name: string;
  status: string;
  detail: string;
  proof?: string;
  attempts: Attempt[];
}

export interface ProveResult {
  status: string;
  code: string;
  wallMs: number;
  theorems: TheoremResult[];
  /** Prove-at-cursor only, when the theorem was proved: replaces the sorry in the posted file. */
  edit?: TextEdit;
}

export interface Diagnostic {
  range: Range;
  /** 1 error, 2 warning, 3 information */
  severity: 1 | 2 | 3;
  message: string;
  source: string;
  code?: string;
}

export interface CheckedTheorem {
  name: string;
  status: string;
  detail: string;
}

export interface CheckReport {
  status: string;
  detail: string;
  /** A verdict for every theorem of the file. */
  theorems: CheckedTheorem[];
  diagnostics: Diagnostic[];
}

/** An engine the server can prove with (`GET /engines`). */
export interface EngineInfo {
  name: string;
  type: string;
  /** The one used when a request names none. */
  default: boolean;
  endpoint?: string;
  model?: string;
}

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface Job {
  id: string;
  state: JobState;
  lastEventId: number;
  request: { theorem?: string; engine: string };
  result?: ProveResult;
  error?: { code: string; message: string };
}

/** One event of a job's stream; `data` is the event's JSON. */
export interface JobEvent {
  id: number;
  type: string;
  data: any;
}

/** The events that end a job's stream. */
export const TERMINAL_EVENTS: ReadonlySet<string> = new Set(['result', 'error', 'cancelled']);

/** The server could not be reached at all. */
export class ServerDownError extends Error {
  constructor(readonly serverUrl: string, cause: string) {
    super(`Cannot reach the leanprove server at ${serverUrl} (${cause}). `
      + 'Start it with "leanprove serve", or set leanprove.serverUrl to where it runs.');
    this.name = 'ServerDownError';
  }
}

/** The server answered with an error: `status` and the server's `code` say which. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly retryAfterSeconds?: number) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface FollowOptions {
  /** Resume after this event id (0: from the start). */
  lastEventId?: number;
  signal?: AbortSignal;
  /** Reconnections in a row without a new event before giving up. */
  maxReconnects?: number;
  reconnectDelayMs?: number;
}

export class LeanproveClient {
  private readonly base: string;

  constructor(private readonly options: ClientOptions) {
    this.base = options.serverUrl.replace(/\/+$/, '');
  }

  health(): Promise<{ status: string; lean?: string; defaultEngine?: string }> {
    return this.json('GET', '/health');
  }

  /** The engines the server is configured with, by the names a prove request takes. */
  async engines(): Promise<EngineInfo[]> {
    return (await this.json<{ engines: EngineInfo[] }>('GET', '/engines')).engines;
  }

  check(code: string): Promise<CheckReport> {
    return this.json('POST', '/check', { code });
  }

  /** Proves and waits for the result (the server cancels the job if this request goes away). */
  prove(options: ProveOptions): Promise<ProveResult> {
    return this.json('POST', '/prove', proveBody(options));
  }

  /** Starts a proof job and returns its id at once. */
  async submit(options: ProveOptions): Promise<string> {
    const accepted = await this.json<{ jobId: string }>('POST', '/prove?async=true', proveBody(options));
    return accepted.jobId;
  }

  job(id: string): Promise<Job> {
    return this.json('GET', `/jobs/${encodeURIComponent(id)}`);
  }

  /** Cancels the job: the server abandons its model requests and kills its Lean processes. */
  cancel(id: string): Promise<Job> {
    return this.json('DELETE', `/jobs/${encodeURIComponent(id)}`);
  }

  /** One connection to the job's event stream, from after `lastEventId`; ends when the server ends it. */
  async *events(id: string, lastEventId = 0, signal?: AbortSignal): AsyncGenerator<JobEvent> {
    const headers: Record<string, string> = { Accept: 'text/event-stream' };
    if (lastEventId > 0) {
      headers['Last-Event-ID'] = String(lastEventId);
    }
    const response = await this.fetch('GET', `/jobs/${encodeURIComponent(id)}/events`, headers, undefined, signal);
    if (!response.ok) {
      throw await apiError(response);
    }
    if (response.body === null) {
      return;
    }
    const parser = new SseParser();
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          return;
        }
        for (const message of parser.feed(decoder.decode(value, { stream: true }))) {
          yield { id: Number(message.id), type: message.event, data: JSON.parse(message.data) };
        }
      }
    } finally {
      reader.releaseLock();
      await response.body.cancel().catch(() => undefined);
    }
  }

  /**
   * Follows the job's events to its terminal event (returned), calling `onEvent` for each in
   * order. A dropped connection is resumed with Last-Event-ID, so no event is missed or repeated.
   */
  async follow(id: string, onEvent: (event: JobEvent) => void, options: FollowOptions = {}): Promise<JobEvent> {
    let last = options.lastEventId ?? 0;
    const maxReconnects = options.maxReconnects ?? 5;
    const delay = options.reconnectDelayMs ?? 500;
    let failures = 0;
    for (;;) {
      let failure: unknown;
      try {
        for await (const event of this.events(id, last, options.signal)) {
          last = event.id;
          failures = 0;
          onEvent(event);
          if (TERMINAL_EVENTS.has(event.type)) {
            return event;
          }
        }
        failure = new Error('the event stream ended before the job did');
      } catch (e) {
        if (options.signal?.aborted || e instanceof ApiError) {
          throw e;
        }
        failure = e;
      }
      failures++;
      if (failures > maxReconnects) {
        throw failure;
      }
      await sleep(delay, options.signal);
    }
  }

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    let payload: string | undefined;
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const response = await this.fetch(method, path, headers, payload);
    if (!response.ok) {
      throw await apiError(response);
    }
    return (await response.json()) as T;
  }

  private async fetch(method: string, path: string, headers: Record<string, string>, body?: string,
    signal?: AbortSignal): Promise<Response> {
    if (this.options.token) {
      headers.Authorization = `Bearer ${this.options.token}`;
    }
    try {
      return await fetch(this.base + path, { method, headers, body, signal });
    } catch (e) {
      if (signal?.aborted) {
        throw e;
      }
      throw new ServerDownError(this.base, describeNetworkError(e));
    }
  }
}

function proveBody(options: ProveOptions): Record<string, unknown> {
  const body: Record<string, unknown> = { code: options.code };
  if (options.line !== undefined || options.column !== undefined) {
    body.line = options.line;
    body.column = options.column;
  }
  if (options.theorem) {
    body.theorem = options.theorem;
  }
  if (options.engine) {
    body.engine = options.engine;
  }
  if (options.budget) {
    body.budget = options.budget;
  }
  return body;
}

async function apiError(response: Response): Promise<ApiError> {
  let code = `http_${response.status}`;
  let message = `the server answered ${response.status} ${response.statusText}`;
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    if (body.error?.code) {
      code = body.error.code;
    }
    if (body.error?.message) {
      message = body.error.message;
    }
  } catch {
    // Not our JSON error (a proxy's page, say): the status line is all there is.
  }
  const retry = response.headers.get('Retry-After');
  const retryAfter = retry !== null && /^\d+$/.test(retry) ? Number(retry) : undefined;
  if (response.status === 401) {
    message = `${message}. Set leanprove.token to the token the server was started with (--token or LEANPROVE_TOKEN).`;
  } else if (response.status === 429) {
    message = `${message} (retry in ${retryAfter ?? '?'} s)`;
  }
  return new ApiError(response.status, code, message, retryAfter);
}

function describeNetworkError(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code === 'ECONNREFUSED') {
    return 'connection refused: nothing listens there';
  }
  if (cause?.code || cause?.message) {
    return [cause.code, cause.message].filter((part) => part).join(': ');
  }
  return e instanceof Error ? e.message : String(e);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
