/**
 * A Server-Sent Events parser (the WHATWG event-stream format), fed text as it arrives in
 * chunks of any size. It keeps the last event id, so a caller can resume with Last-Event-ID.
 */

export interface SseMessage {
  /** The `id:` in force when the event was dispatched ("" when none was ever sent). */
  id: string;
  /** The `event:` type, "message" when the block named none. */
  event: string;
  /** The `data:` lines joined with "\n". */
  data: string;
}

export class SseParser {
  private pending = '';
  private lastId = '';
  private eventType = '';
  private dataLines: string[] = [];
  private sawData = false;
  /** The last `retry:` the server asked for, in milliseconds. */
  retryMs: number | undefined;

  /** The id of the last event seen, to send as Last-Event-ID when reconnecting. */
  get lastEventId(): string {
    return this.lastId;
  }

  /** Takes the next chunk of the stream and returns the events it completed. */
  feed(chunk: string): SseMessage[] {
    this.pending += chunk;
    const events: SseMessage[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.pending);
      // A lone "\r" at the end may be the first half of "\r\n": wait for the next chunk.
      if (match === null || (match[0] === '\r' && match.index === this.pending.length - 1)) {
        break;
      }
      const line = this.pending.slice(0, match.index);
      this.pending = this.pending.slice(match.index + match[0].length);
      const event = this.line(line);
      if (event !== undefined) {
        events.push(event);
      }
    }
    return events;
  }

  private line(line: string): SseMessage | undefined {
    if (line === '') {
      return this.dispatch();
    }
    if (line.startsWith(':')) {
      return undefined;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    switch (field) {
      case 'event':
        this.eventType = value;
        break;
      case 'data':
        this.dataLines.push(value);
        this.sawData = true;
        break;
      case 'id':
        if (!value.includes('\0')) {
          this.lastId = value;
        }
        break;
      case 'retry':
        if (/^\d+$/.test(value)) {
          this.retryMs = Number(value);
        }
        break;
      default:
        break;
    }
    return undefined;
  }

  private dispatch(): SseMessage | undefined {
    const event = this.sawData
      ? { id: this.lastId, event: this.eventType === '' ? 'message' : this.eventType, data: this.dataLines.join('\n') }
      : undefined;
    this.eventType = '';
    this.dataLines = [];
    this.sawData = false;
    return event;
  }
}
