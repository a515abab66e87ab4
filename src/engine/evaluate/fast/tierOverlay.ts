import type { Direction } from '../../model/policy';
import type { PortQuery } from '../../model/verdict';
import type { Workspace } from '../../model/workspace';
import { resolveQueryPort } from '../../selectors/matchesPort';
import { intersectPortSets, isEmptyPortSet, type PortSet } from '../../selectors/portSet';
import { adminPoliciesFor } from '../evaluateAdminTier';
import { sideException } from '../evaluateConnection';
import {
  destinationPorts,
  evaluateDirection,
  evaluateDirectionPorts,
  isolatingPoliciesFor,
} from '../evaluateDirection';
import { resolveEndpoint, type ResolvedEndpoint } from '../resolveEndpoint';
import type { ClassBits, TableRows } from './classTable';

/**
 * What one direction's answer depends on at its subject: the admin, NetworkPolicy and
 * baseline policies selecting it (and, for ingress, its container ports, which named ports
 * resolve against). Every other input is the other endpoint. Subjects no tier applies to
 * (outside addresses, nodes, hostNetwork pods) share one profile.
 */
function profileKey(ws: Workspace, e: ResolvedEndpoint, direction: Direction): string {
  if (sideException(e) !== undefined || e.kind !== 'pod') return 'exempt';
  const keys = [
    ...adminPoliciesFor(ws, 'admin', e, direction).map((p) => p.key),
    '|',
    ...isolatingPoliciesFor(ws, e, direction).map((p) => p.key),
    '|',
    ...adminPoliciesFor(ws, 'baseline', e, direction).map((p) => p.key),
  ];
  if (direction === 'Ingress') keys.push('|', JSON.stringify(e.pod.ports));
  return keys.join('\u0000');
}

type Side = {
  readonly cls: number;
  readonly e: ResolvedEndpoint;
  readonly egress: number;
  readonly ingress: number;
  readonly touched: { readonly egress: boolean; readonly ingress: boolean };
};

/**
 * The admin tiers over a class matrix of NetworkPolicy answers. A cell whose source an admin
 * or baseline policy selects for egress, or whose destination one selects for ingress, is
 * recomputed by the reference engine's direction functions; other cells keep the
 * NetworkPolicy answer (no tier applies to them). Each direction is computed once per
 * (subject profile, other class) rather than per pair (see `profileKey`), so the cost is
 * profiles x classes reference evaluations plus one bit per pair. Correct because the classes
 * are split by everything admin policies can tell apart (see `buildClasses`) and one endpoint
 * answers for its class. Returns a new matrix; `bits` is not changed.
 */
export function overlayTiers(ws: Workspace, rows: TableRows, bits: ClassBits, port: PortQuery): ClassBits {
  const reps = new Map<number, ResolvedEndpoint>();
  rows.rows.forEach((row, i) => {
    const cls = rows.rowClass[i]!;
    if (!reps.has(cls)) reps.set(cls, resolveEndpoint(ws, row.endpoint));
  });
  const profiles = { Egress: new Map<string, number>(), Ingress: new Map<string, number>() };
  const profileReps: Record<Direction, ResolvedEndpoint[]> = { Egress: [], Ingress: [] };
  const profileOf = (e: ResolvedEndpoint, direction: Direction): number => {
    const key = profileKey(ws, e, direction);
    let id = profiles[direction].get(key);
    if (id === undefined) {
      id = profileReps[direction].push(e) - 1;
      profiles[direction].set(key, id);
    }
    return id;
  };
  const sides: Side[] = [...reps.entries()].map(([cls, e]) => ({
    cls,
    e,
    egress: profileOf(e, 'Egress'),
    ingress: profileOf(e, 'Ingress'),
    touched: {
      egress: tiersSelect(ws, e, 'Egress'),
      ingress: tiersSelect(ws, e, 'Ingress'),
    },
  }));
  const egress = new DirectionMemo(ws, 'Egress', profileReps.Egress, port);
  const ingress = new DirectionMemo(ws, 'Ingress', profileReps.Ingress, port);
  const { words } = bits;
  const out = bits.bits.slice();
  for (const s of sides) {
    for (const d of sides) {
      if (!s.touched.egress && !d.touched.ingress) continue;
      const at = s.cls * words + (d.cls >>> 5);
      const bit = 1 << (d.cls & 31);
      const allowed =
        port === 'any'
          ? !isEmptyPortSet(intersectPortSets(egress.ports(s.egress, d), ingress.ports(d.ingress, s)))
          : egress.allowed(s.egress, d, d) && ingress.allowed(d.ingress, s, d);
      if (allowed) out[at] = out[at]! | bit;
      else out[at] = out[at]! & ~bit;
    }
  }
  return { bits: out, words };
}

function tiersSelect(ws: Workspace, e: ResolvedEndpoint, direction: Direction): boolean {
  return (
    adminPoliciesFor(ws, 'admin', e, direction).length > 0 ||
    adminPoliciesFor(ws, 'baseline', e, direction).length > 0
  );
}

/** One direction's answers per (subject profile, other class), computed on first use. */
class DirectionMemo {
  private readonly allowedMemo = new Map<number, boolean>();
  private readonly portsMemo = new Map<number, PortSet>();

  constructor(
    private readonly ws: Workspace,
    private readonly direction: Direction,
    private readonly subjects: readonly ResolvedEndpoint[],
    private readonly port: PortQuery,
  ) {}

  /** Whether the profile's direction admits `other` on the port (resolved on `destination`). */
  allowed(profile: number, other: Side, destination: Side): boolean {
    const key = profile * 0x100000 + other.cls;
    let v = this.allowedMemo.get(key);
    if (v === undefined) {
      const subject = this.subjects[profile]!;
      const q = this.port as Exclude<PortQuery, 'any'>;
      const concrete = resolveQueryPort(
        q.port,
        q.protocol,
        destinationPorts(destination.e, subject, 'Ingress'),
      );
      v = evaluateDirection(
        this.ws,
        subject,
        other.e,
        this.direction,
        concrete,
        sideException(subject),
      ).allowed;
      this.allowedMemo.set(key, v);
    }
    return v;
  }

  /** The ports the profile's direction admits toward `other`. */
  ports(profile: number, other: Side): PortSet {
    const key = profile * 0x100000 + other.cls;
    let v = this.portsMemo.get(key);
    if (v === undefined) {
      const subject = this.subjects[profile]!;
      v = evaluateDirectionPorts(this.ws, subject, other.e, this.direction, sideException(subject)).ports;
      this.portsMemo.set(key, v);
    }
    return v;
  }
}
