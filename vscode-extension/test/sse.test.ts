import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { SseParser } from '../src/client/sse';

test('feed: events split across chunks at any byte come out whole and in order', () => {
  const stream = 'retry: 1000\n\nid: 1\nevent: queued\ndata: {"jobId":"a"}\n\nid: 2\nevent: progress\ndata: {"done":1,"total":9}\n\n';
  for (let size = 1; size <= stream.length; size++) {
    const parser = new SseParser();
    const events = [];
    for (let i = 0; i < stream.length; i += size) {
      events.push(...parser.feed(stream.slice(i, i + size)));
    }
    assert.deepEqual(events, [
      { id: '1', event: 'queued', data: '{"jobId":"a"}' },
      { id: '2', event: 'progress', data: '{"done":1,"total":9}' },
    ], `chunk size ${size}`);
    assert.equal(parser.retryMs, 1000);
    assert.equal(parser.lastEventId, '2');
  }
});

test('feed: CRLF and CR line ends, comments, multi-line data and default type', () => {
  const parser = new SseParser();

  const events = parser.feed(': keepalive\r\n\r\ndata: a\r\ndata: b\r\n\r\nid: 7\rdata:c\r\r\n');

  assert.deepEqual(events, [
    { id: '', event: 'message', data: 'a\nb' },
    { id: '7', event: 'message', data: 'c' },
  ]);
});

test('feed: a CR at a chunk end waits to see whether LF follows', () => {
  const parser = new SseParser();

  const first = parser.feed('data: x\r');
  const second = parser.feed('\n\r\n');

  assert.deepEqual(first, []);
  assert.deepEqual(second, [{ id: '', event: 'message', data: 'x' }]);
});

test('feed: an unfinished event is not dispatched, and a block without data dispatches nothing', () => {
  const parser = new SseParser();

  const events = parser.feed('id: 3\nevent: result\n\nevent: result\ndata: {}');

  assert.deepEqual(events, []);
  assert.equal(parser.lastEventId, '3');
});
