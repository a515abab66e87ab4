import { describe, expect, it } from 'vitest';
import { canonicalIp, cidrContainsCidr, ipBlockContains, parseCidr, parseIp } from './cidr';
import type { Cidr } from '../model/policy';

function cidr(text: string): Cidr {
  const r = parseCidr(text);
  if (!r.ok) throw new Error(r.error);
  return r.cidr;
}

describe('IP parsing and canonical form', () => {
  it.each([
    ['10.0.0.1', '10.0.0.1'],
    ['0.0.0.0', '0.0.0.0'],
    ['255.255.255.255', '255.255.255.255'],
    ['2001:DB8::1', '2001:db8::1'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['::', '::'],
    ['::1', '::1'],
    ['fe80::', 'fe80::'],
    ['1:0:0:2:0:0:0:3', '1:0:0:2::3'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
    ['::ffff:10.0.0.1', '::ffff:a00:1'],
  ])('%s -> %s', (text, canonical) => {
    expect(canonicalIp(text)).toBe(canonical);
  });

  it.each([
    ['256.0.0.1'],
    ['10.0.0'],
    ['10.0.0.1.2'],
    ['1::2::3'],
    ['1:2:3:4:5:6:7:8:9'],
    ['12345::'],
    ['abc'],
    [''],
    ['10.0.0.1/8'],
    // Go's net.ParseIP accepts a dotted IPv4 part only as the last 32 bits of the address.
    ['1.2.3.4::'],
    ['1.2.3.4::1'],
    ['1:2:3:4:5:6:7:1.2.3.4'],
    [' 10.0.0.1'],
  ])('rejects %s', (text) => {
    expect(parseIp(text)).toBeUndefined();
  });
});

describe('CIDR parsing', () => {
  it.each([
    ['10.0.0.0/8', '10.0.0.0/8', false],
    ['10.0.1.10/4', '0.0.0.0/4', true],
    ['192.168.1.77/24', '192.168.1.0/24', true],
    ['0.0.0.0/0', '0.0.0.0/0', false],
    ['10.0.0.1/32', '10.0.0.1/32', false],
    ['2001:db8::1/32', '2001:db8::/32', true],
    ['2001:db8:abcd::/48', '2001:db8:abcd::/48', false],
    ['::/0', '::/0', false],
  ])('%s is the network %s (host bits set: %s)', (text, canonical, hostBits) => {
    const r = parseCidr(text);
    expect(r.ok && r.cidr.text).toBe(canonical);
    expect(r.ok && r.hostBitsSet).toBe(hostBits);
  });

  it.each([
    ['10.0.0.0'],
    ['10.0.0.0/33'],
    ['10.0.0.0/-1'],
    ['2001:db8::/129'],
    ['x/8'],
    ['10.0.0.0/8/9'],
    ['10.0.0.0/'],
  ])('rejects %s', (text) => {
    expect(parseCidr(text).ok).toBe(false);
  });
});

describe('ipBlock containment', () => {
  it.each([
    ['10.0.0.0/8', [], '10.1.2.3', true],
    ['10.0.0.0/8', [], '11.0.0.0', false],
    ['10.0.0.0/8', ['10.1.0.0/16'], '10.1.2.3', false],
    ['10.0.0.0/8', ['10.1.0.0/16'], '10.2.0.1', true],
    ['0.0.0.0/4', [], '10.0.1.10', true],
    ['0.0.0.0/0', [], '2001:db8::1', false],
    ['2001:db8::/32', ['2001:db8:1::/48'], '2001:db8:1::5', false],
    ['2001:db8::/32', ['2001:db8:1::/48'], '2001:db8:2::5', true],
    ['2001:db8::/32', [], '10.0.0.1', false],
    ['::/0', [], '::1', true],
  ])('%s except %j contains %s: %s', (c, except, ip, expected) => {
    expect(ipBlockContains(cidr(c), except.map(cidr), parseIp(ip)!)).toBe(expected);
  });

  it('compares CIDRs', () => {
    expect(cidrContainsCidr(cidr('10.0.0.0/8'), cidr('10.1.0.0/16'))).toBe(true);
    expect(cidrContainsCidr(cidr('10.1.0.0/16'), cidr('10.0.0.0/8'))).toBe(false);
    expect(cidrContainsCidr(cidr('10.0.0.0/8'), cidr('11.0.0.0/16'))).toBe(false);
    expect(cidrContainsCidr(cidr('::/0'), cidr('10.0.0.0/8'))).toBe(false);
  });
});
