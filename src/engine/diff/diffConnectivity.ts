import { computeTruthTable, type TableEndpoint } from '../evaluate/computeTruthTable';
import { formatPortQuery } from '../explain/explainVerdict';
import type { PodKey } from '../model/ids';
import type { Endpoint, PortQuery } from '../model/verdict';
import type { Workspace } from '../model/workspace';

/** One connection that changed: `from -> to` on the port question at `portIndex`. */
export type ConnectivityChange = {
  /** Pod key or canonical address. */
  readonly from: string;
  readonly to: string;
  readonly fromEndpoint: Endpoint;
  readonly toEndpoint: Endpoint;
  readonly port: PortQuery;
  readonly portIndex: number;
};

/**
 * What changed between two workspaces: connections `gained` (blocked before, allowed now) and
 * `lost` (allowed before, blocked now), over the endpoints present in both (pods and workloads
 * by key, plus the outside addresses asked for), per port question; and the pods and workloads
 * present in only one of them. `unchanged` counts the compared cells that did not change.
 */
export type ConnectivityDiff = {
  readonly ports: readonly PortQuery[];
  readonly gained: readonly ConnectivityChange[];
  readonly lost: readonly ConnectivityChange[];
  readonly onlyInOld: readonly PodKey[];
  readonly onlyInNew: readonly PodKey[];
  readonly unchanged: number;
  /** Bad outside addresses and the like. */
  readonly problems: readonly string[];
};

/**
 * The semantic diff of two versions of a workspace: which connections changed verdict, per
 * port question (`'any'`: some port allowed both ways), over the pods present in both versions
 * and the given outside addresses. Order: by port, then source, then destination, as in the
 * new workspace. Never throws.
 */
export function diffConnectivity(
  oldWs: Workspace,
  newWs: Workspace,
  ports: readonly PortQuery[] = ['any'],
  externals: readonly string[] = [],
): ConnectivityDiff {
  const query = { ports: ports.length > 0 ? ports : (['any'] as const), externals };
  const before = computeTruthTable(oldWs, query);
  const after = computeTruthTable(newWs, query);
  const oldIndex = new Map(before.rows.map((r, i) => [r.key, i]));
  const common: { row: TableEndpoint; oldI: number; newI: number }[] = [];
  after.rows.forEach((row, newI) => {
    const oldI = oldIndex.get(row.key);
    if (oldI !== undefined) common.push({ row, oldI, newI });
  });
  const gained: ConnectivityChange[] = [];
  const lost: ConnectivityChange[] = [];
  let unchanged = 0;
  query.ports.forEach((port, k) => {
    for (const a of common) {
      for (const b of common) {
        const was = before.isAllowed(a.oldI, b.oldI, k);
        const is = after.isAllowed(a.newI, b.newI, k);
        if (was === is) {
          unchanged++;
          continue;
        }
        const change: ConnectivityChange = {
          from: a.row.key,
          to: b.row.key,
          fromEndpoint: a.row.endpoint,
          toEndpoint: b.row.endpoint,
          port,
          portIndex: k,
        };
        (is ? gained : lost).push(change);
      }
    }
  });
  const oldKeys = new Set(oldWs.pods.map((p) => p.key));
  const newKeys = new Set(newWs.pods.map((p) => p.key));
  return {
    ports: query.ports,
    gained,
    lost,
    onlyInOld: oldWs.pods.filter((p) => !newKeys.has(p.key)).map((p) => p.key),
    onlyInNew: newWs.pods.filter((p) => !oldKeys.has(p.key)).map((p) => p.key),
    unchanged,
    problems: [...new Set([...before.problems, ...after.problems])],
  };
}

/** One change as text: `shop/web -> shop/db on 5432/TCP`. */
export function formatChange(c: ConnectivityChange): string {
  return `${c.from} -> ${c.to} on ${formatPortQuery(c.port)}`;
}

/**
 * A diff as text: a headline, then `+` lines for gained connections, `-` lines for lost ones,
 * and the pods present in only one version.
 */
export function formatConnectivityDiff(d: ConnectivityDiff): string {
  const lines: string[] = [];
  const ports = d.ports.map(formatPortQuery).join(', ');
  if (d.gained.length === 0 && d.lost.length === 0)
    lines.push(
      d.onlyInOld.length + d.onlyInNew.length === 0
        ? `No connection changed (${ports}; ${d.unchanged} compared).`
        : `No connection changed between the pods and workloads in both versions (${ports}; ${d.unchanged} compared), but some are in one version only.`,
    );
  else lines.push(`${d.gained.length} connection(s) gained, ${d.lost.length} lost (${ports}).`);
  if (d.gained.length > 0)
    lines.push('Gained (blocked before, allowed now):', ...d.gained.map((c) => `  + ${formatChange(c)}`));
  if (d.lost.length > 0)
    lines.push('Lost (allowed before, blocked now):', ...d.lost.map((c) => `  - ${formatChange(c)}`));
  if (d.onlyInOld.length > 0) lines.push(`Only in the old version: ${d.onlyInOld.join(', ')}`);
  if (d.onlyInNew.length > 0) lines.push(`Only in the new version: ${d.onlyInNew.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
