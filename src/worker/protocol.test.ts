import { describe, expect, it } from 'vitest';
import { createTextReceiver, createTextSender } from './protocol';
import type { PostedRequest, WorkerRequest } from './protocol';

const kind = (p: PostedRequest) => ('sameText' in p ? 'same' : 'edit' in p ? p.edit : 'text');

/** A received request without what the receiver adds (`kept`, the edit it applied). */
const withoutKept = (request: WorkerRequest): WorkerRequest => {
  const copy: Record<string, unknown> = { ...request };
  delete copy.kept;
  return copy as unknown as WorkerRequest;
};

describe('requests on the wire', () => {
  it('leave out a text the worker holds already, send a change as an edit, and the worker puts the text back', () => {
    const big = 'kind: Pod\n'.repeat(1000);
    const posted: PostedRequest[] = [];
    const send = createTextSender((request) => posted.push(request));
    const receive = createTextReceiver();
    const requests: WorkerRequest[] = [
      { type: 'summarize', seq: 1, text: big },
      { type: 'analyze', seq: 2, text: big, options: {}, port: 'any', enforced: true },
      { type: 'lookup', seq: 3, text: big, query: { kind: 'pathAt', offset: 12 } },
      { type: 'analyze', seq: 4, text: `${big}# more\n`, options: {}, port: 'any', enforced: true },
      { type: 'lookup', seq: 5, text: `${big}# more\n`, query: { kind: 'pathAt', offset: 3 } },
      { type: 'summarize', seq: 6, text: '' },
      { type: 'summarize', seq: 7, text: '' },
    ];
    for (const request of requests) send(request);
    // The text crosses once; a change goes as the edit from the text before.
    expect(posted.map((p) => p.text.length)).toEqual([big.length, 0, 0, 0, 0, 0, 0]);
    expect(posted.map(kind)).toEqual([
      'text',
      'same',
      'same',
      { start: big.length, end: big.length, insert: '# more\n' },
      'same',
      'text',
      'same',
    ]);
    const received = posted.map(receive);
    expect(received.map(withoutKept)).toEqual(requests);
    // An edit tells the worker's parse what it kept of the text before.
    expect(received[3]).toMatchObject({ kept: { from: big, prefix: big.length, suffix: 0 } });
    expect(received.filter((r) => 'kept' in r)).toHaveLength(1);
  });

  it('send a text in full when most of it is new, and apply edits in order', () => {
    const posted: PostedRequest[] = [];
    const send = createTextSender((request) => posted.push(request));
    const receive = createTextReceiver();
    const texts = ['a: 1\nb: 2\n', 'a: 1\nbb: 2\n', 'a: 12\nbb: 2\n', 'c: 3\n', 'a: 1\nc: 3\n', 'a: 1\n', ''];
    const requests = texts.map((text, seq): WorkerRequest => ({ type: 'summarize', seq, text }));
    for (const request of requests) send(request);
    expect(posted.map((p) => (typeof kind(p) === 'object' ? 'edit' : kind(p)))).toEqual([
      'text',
      'edit',
      'edit',
      'text',
      'text',
      'edit',
      'text',
    ]);
    expect(posted.map(receive).map(withoutKept)).toEqual(requests);
  });
});
