import { describe, expect, it } from 'vitest';
import { formatPortQueryText, parsePortQuery } from './portQuery';

describe('parsePortQuery', () => {
  it.each([
    ['80/TCP', { port: 80, protocol: 'TCP' }],
    ['53/udp', { port: 53, protocol: 'UDP' }],
    ['8080', { port: 8080, protocol: 'TCP' }],
    ['http/TCP', { port: 'http', protocol: 'TCP' }],
    ['any', 'any'],
    ['', 'any'],
  ])('%j', (text, expected) => {
    expect(parsePortQuery(text)).toEqual(expected);
  });

  it.each(['0/TCP', '70000', '80/ICMP', 'Http/TCP', 'a-very-long-port-name/TCP', '80/'])(
    'refuses %j',
    (text) => {
      expect(parsePortQuery(text)).toBeNull();
    },
  );

  it('formats what it reads', () => {
    expect(formatPortQueryText({ port: 'http', protocol: 'TCP' })).toBe('http/TCP');
    expect(parsePortQuery(formatPortQueryText({ port: 443, protocol: 'SCTP' }))).toEqual({
      port: 443,
      protocol: 'SCTP',
    });
  });
});
