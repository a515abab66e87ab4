import { describe, expect, it } from 'vitest';
import { createTextReceiver, createTextSender } from './protocol';
import type { PostedRequest, WorkerRequest } from './protocol';

describe('requests on the wire', () => {
  it('leave out a text the worker holds already, and the worker puts it back', () => {
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
    // The text crosses once per change.
    expect(posted.map((p) => p.text.length)).toEqual([big.length, 0, 0, big.length + 7, 0, 0, 0]);
    expect(posted.map((p) => p.text !== '' || 'sameText' in p)).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
      true,
    ]);
    expect(posted.map(receive)).toEqual(requests);
  });
});
