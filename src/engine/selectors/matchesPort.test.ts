import { describe, expect, it } from 'vitest';
import type { PortMatcher } from '../model/policy';
import type { ContainerPort } from '../model/resources';
import { matchesPort, portSetOfMatcher, resolveQueryPort } from './matchesPort';
import {
  EMPTY_PORT_SET,
  FULL_PORT_SET,
  firstPort,
  formatPortSet,
  intersectPortSets,
  isEmptyPortSet,
  portSetOf,
  unionPortSets,
} from './portSet';

const dst: ContainerPort[] = [
  { name: 'http', port: 8080, protocol: 'TCP' },
  { name: 'dns', port: 53, protocol: 'UDP' },
  { port: 9000, protocol: 'TCP' },
];

describe('matchesPort', () => {
  it.each<[string, PortMatcher, 'TCP' | 'UDP' | 'SCTP', number | undefined, boolean]>([
    ['number', { kind: 'number', protocol: 'TCP', port: 80 }, 'TCP', 80, true],
    ['number, other port', { kind: 'number', protocol: 'TCP', port: 80 }, 'TCP', 81, false],
    ['UDP entry never admits TCP', { kind: 'number', protocol: 'UDP', port: 80 }, 'TCP', 80, false],
    ['SCTP entry never admits TCP', { kind: 'protocol', protocol: 'SCTP' }, 'TCP', 80, false],
    ['protocol only: every port', { kind: 'protocol', protocol: 'UDP' }, 'UDP', 12345, true],
    ['range start', { kind: 'range', protocol: 'TCP', port: 8000, endPort: 9000 }, 'TCP', 8000, true],
    ['range end', { kind: 'range', protocol: 'TCP', port: 8000, endPort: 9000 }, 'TCP', 9000, true],
    ['range past end', { kind: 'range', protocol: 'TCP', port: 8000, endPort: 9000 }, 'TCP', 9001, false],
    [
      'named port resolved on destination',
      { kind: 'named', protocol: 'TCP', name: 'http' },
      'TCP',
      8080,
      true,
    ],
    ['named port, other number', { kind: 'named', protocol: 'TCP', name: 'http' }, 'TCP', 80, false],
    [
      'named port with mismatched protocol',
      { kind: 'named', protocol: 'TCP', name: 'dns' },
      'TCP',
      53,
      false,
    ],
    [
      'named port with mismatched protocol (UDP query)',
      { kind: 'named', protocol: 'TCP', name: 'dns' },
      'UDP',
      53,
      false,
    ],
    ['named port, matching protocol', { kind: 'named', protocol: 'UDP', name: 'dns' }, 'UDP', 53, true],
    [
      'named port the destination lacks',
      { kind: 'named', protocol: 'TCP', name: 'metrics' },
      'TCP',
      9000,
      false,
    ],
    [
      'unresolved query port: protocol entry admits',
      { kind: 'protocol', protocol: 'TCP' },
      'TCP',
      undefined,
      true,
    ],
    [
      'unresolved query port: number entry does not',
      { kind: 'number', protocol: 'TCP', port: 80 },
      'TCP',
      undefined,
      false,
    ],
  ])('%s', (_d, m, protocol, port, expected) => {
    expect(matchesPort(m, { protocol, port }, dst)).toBe(expected);
  });

  it.each([
    ['http', 'TCP', 8080],
    ['http', 'UDP', undefined],
    ['dns', 'UDP', 53],
    ['nope', 'TCP', undefined],
  ] as const)('resolves the question port %s/%s to %s', (name, protocol, port) => {
    expect(resolveQueryPort(name, protocol, dst).port).toBe(port);
  });
});

describe('port sets', () => {
  it('computes named-port sets on the destination', () => {
    expect(formatPortSet(portSetOfMatcher({ kind: 'named', protocol: 'TCP', name: 'http' }, dst))).toBe(
      'TCP 8080',
    );
    expect(isEmptyPortSet(portSetOfMatcher({ kind: 'named', protocol: 'TCP', name: 'dns' }, dst))).toBe(true);
  });

  it.each([
    [portSetOf('TCP', 1, 100), portSetOf('TCP', 50, 200), 'TCP 50-100'],
    [portSetOf('TCP', 1, 100), portSetOf('UDP', 1, 100), 'no port'],
    [FULL_PORT_SET, portSetOf('SCTP', 7, 7), 'SCTP 7'],
    [
      unionPortSets(portSetOf('TCP', 80, 80), portSetOf('TCP', 443, 443)),
      portSetOf('TCP', 100, 500),
      'TCP 443',
    ],
  ])('intersects %j and %j', (a, b, text) => {
    expect(formatPortSet(intersectPortSets(a, b))).toBe(text);
  });

  it('merges adjacent ranges and finds the first member', () => {
    const s = unionPortSets(portSetOf('UDP', 10, 20), portSetOf('UDP', 21, 30));
    expect(formatPortSet(s)).toBe('UDP 10-30');
    expect(firstPort(s)).toEqual({ protocol: 'UDP', port: 10 });
    expect(firstPort(EMPTY_PORT_SET)).toBeUndefined();
    expect(formatPortSet(FULL_PORT_SET)).toBe('all ports');
  });
});
