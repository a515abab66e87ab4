import type { PortQuery } from '../../model/verdict';
import type { Workspace } from '../../model/workspace';
import { adminPoliciesFor } from '../evaluateAdminTier';
import { allowedByPolicy } from '../evaluateConnection';
import { resolveEndpoint, type ResolvedEndpoint } from '../resolveEndpoint';
import type { ClassBits, TableRows } from './classTable';

/**
 * The admin tiers over a class matrix of NetworkPolicy answers: for every pair of classes
 * present in the table where an admin or baseline policy selects the source (with egress
 * rules) or the destination (with ingress rules), the cell is answered by the reference
 * engine ({@link allowedByPolicy}) on one endpoint of each class; other cells keep the
 * NetworkPolicy answer (no tier applies to them). Correct because the classes are split by
 * everything admin policies can tell apart (see `buildClasses`); the cost grows with the number
 * of selected classes times the classes in the table, so it runs only when the workspace has
 * admin policies. Returns a new matrix; `bits` is not changed.
 */
export function overlayTiers(ws: Workspace, rows: TableRows, bits: ClassBits, port: PortQuery): ClassBits {
  const rep = new Map<number, ResolvedEndpoint>();
  rows.rows.forEach((row, i) => {
    const cls = rows.rowClass[i]!;
    if (!rep.has(cls)) rep.set(cls, resolveEndpoint(ws, row.endpoint));
  });
  const selected = (e: ResolvedEndpoint, direction: 'Ingress' | 'Egress'): boolean =>
    adminPoliciesFor(ws, 'admin', e, direction).length > 0 ||
    adminPoliciesFor(ws, 'baseline', e, direction).length > 0;
  const classes = [...rep.entries()].map(([cls, e]) => ({
    cls,
    e,
    egress: selected(e, 'Egress'),
    ingress: selected(e, 'Ingress'),
  }));
  const { words } = bits;
  const out = bits.bits.slice();
  for (const s of classes) {
    for (const d of classes) {
      if (!s.egress && !d.ingress) continue;
      const at = s.cls * words + (d.cls >>> 5);
      const bit = 1 << (d.cls & 31);
      if (allowedByPolicy(ws, s.e, d.e, port)) out[at] = out[at]! | bit;
      else out[at] = out[at]! & ~bit;
    }
  }
  return { bits: out, words };
}
