import { sameItems } from '../../model/sameItems';
import type { PolicyKey } from '../../model/ids';
import type { CompiledPolicy } from '../../model/policy';
import type { PortQuery } from '../../model/verdict';
import type { Workspace } from '../../model/workspace';
import type { TruthTableQuery } from '../truthTable';
import { ClassGrouper } from './classGroups';
import { ClassMatrix } from './classMatrix';
import { addPodClass, buildClasses, emptyPodClasses, findPodClass, type EndpointClasses } from './classes';
import {
  classTable,
  denseBits,
  tableRows,
  ungroupedBits,
  type FastTruthTable,
  type TableRows,
} from './classTable';
import { buildIpSignatures, collectIpBlocks, collectNetworkBlocks, type IpSignatures } from './ipSignatures';
import { overlayTiers } from './tierOverlay';
import { PolicyCompiler, type Isolation } from './policyClasses';
import { NamedPorts, portEntryKeys, portPlan } from './portPlan';

/** What an update did: nothing, recomputed some class rows/columns, or rebuilt everything. */
export type EvaluatorUpdate = {
  readonly mode: 'unchanged' | 'incremental' | 'rebuild';
  /** Classes whose egress / ingress isolation was recomputed (incremental only). */
  readonly rows: number;
  readonly columns: number;
  /** Why a rebuild was needed. */
  readonly reason?: string;
};

/**
 * A fast, incremental truth-table engine over one workspace (see {@link createEvaluator}).
 * Tables it returns are snapshots: later updates do not change them.
 */
export type Evaluator = {
  /** The workspace the evaluator currently reflects. */
  readonly workspace: Workspace;
  /** Number of endpoint equivalence classes (pods, hostNetwork pods, nodes, outside addresses). */
  readonly classCount: number;
  /** The truth table of a question (class matrices are cached per port). */
  table(query: TruthTableQuery): FastTruthTable;
  /** Moves to a new version of the workspace, recomputing only what the differences touch. */
  update(ws: Workspace): EvaluatorUpdate;
  /** Replaces, adds (`key` new) or removes (`policy` undefined) one compiled policy. */
  replacePolicy(key: PolicyKey, policy: CompiledPolicy | undefined): EvaluatorUpdate;
  /**
   * Per `workspace.pods` entry, which directions a policy isolates: bit 1 ingress, bit 2
   * egress (0 for hostNetwork pods, which policies do not isolate here). Read from the
   * classes, so it costs one pass over the pods.
   */
  podIsolation(): Uint8Array;
};

/** Bits of {@link Evaluator.podIsolation}. */
export const ISOLATED_INGRESS = 1;
export const ISOLATED_EGRESS = 2;

const MAX_CACHED_PORTS = 8;

type Change = { readonly key: PolicyKey; readonly policy: CompiledPolicy | undefined };

/**
 * Creates the fast engine: endpoints grouped into classes, per rule the peer classes as bit
 * sets; classes grouped again per side by what the rules can tell apart (see the
 * `ClassGroups` type), and per port term the egress rows and transposed ingress rows of the
 * groups AND-ed word by word. It agrees with {@link evaluateConnection} on every pair and port
 * (property-tested). After a policy edit only the keys of the classes the old or new policy
 * selects are recomputed, then the (small) groups and group matrices; pods added or removed in
 * existing classes cost a pass over the pod list; anything else rebuilds.
 */
export function createEvaluator(ws: Workspace): Evaluator {
  return new Engine(ws);
}

class Engine implements Evaluator {
  workspace!: Workspace;
  private sigs!: IpSignatures;
  private classes!: EndpointClasses;
  private compiler!: PolicyCompiler;
  private named!: NamedPorts;
  private iso!: Isolation;
  private grouper!: ClassGrouper;
  private slotByKey = new Map<PolicyKey, number>();
  private fingerprints: (string | undefined)[] = [];
  private matrices = new Map<string, ClassMatrix>();
  private rowsCache = new Map<string, TableRows>();

  constructor(ws: Workspace) {
    this.rebuild(ws);
  }

  get classCount(): number {
    return this.classes.count;
  }

  table(query: TruthTableQuery): FastTruthTable {
    const externals = query.externals ?? [];
    const rowsKey = JSON.stringify(externals);
    let rows = this.rowsCache.get(rowsKey);
    if (!rows) {
      rows = tableRows(this.workspace, this.classes, externals);
      if (this.rowsCache.size >= MAX_CACHED_PORTS) this.rowsCache.clear();
      this.rowsCache.set(rowsKey, rows);
    }
    const tiered = this.workspace.adminPolicies.length > 0;
    const groups = this.grouper.groups();
    const count = this.classes.count;
    const perPort = query.ports.map((q) => {
      const bits = this.matrix(q).at(groups);
      if (!tiered) return bits;
      return ungroupedBits(overlayTiers(this.workspace, rows, denseBits(bits, count), q), count);
    });
    return classTable(rows, query.ports, perPort, this.classes.count);
  }

  podIsolation(): Uint8Array {
    const { podClass } = this.classes;
    const out = new Uint8Array(this.workspace.pods.length);
    for (let i = 0; i < out.length; i++) {
      const c = podClass[i]!;
      out[i] =
        (this.iso.ingress[c]!.length > 0 ? ISOLATED_INGRESS : 0) |
        (this.iso.egress[c]!.length > 0 ? ISOLATED_EGRESS : 0);
    }
    return out;
  }

  update(ws: Workspace): EvaluatorUpdate {
    const old = this.workspace;
    if (ws === old) return { mode: 'unchanged', rows: 0, columns: 0 };
    // Admin policies refine the classes and are read at table time: rebuild (no incremental path).
    if (ws.adminPolicies.length > 0 || old.adminPolicies.length > 0)
      return this.rebuild(ws, 'admin policies');
    const why = structuralChange(old, ws);
    if (why) return this.rebuild(ws, why);
    if (ws.pods !== old.pods) {
      const podClass = new Int32Array(ws.pods.length);
      let added = false;
      for (let i = 0; i < ws.pods.length; i++) {
        const p = ws.pods[i]!;
        let id = p === old.pods[i] ? this.classes.podClass[i] : findPodClass(this.classes, p, ws);
        if (id === undefined) {
          // A pod in a new class (a label typed): the class is added and every policy compiled
          // again over the classes, without grouping every pod into classes again.
          id = addPodClass(this.classes, p, ws);
          if (id === undefined) return this.rebuild(ws, `pod ${p.key} is in a new namespace`);
          added = true;
        }
        podClass[i] = id;
      }
      this.classes.podClass = podClass;
      if (added) {
        // Classes that pods left stay (a label typed back finds its class again) until they
        // are a quarter of all.
        if (emptyPodClasses(this.classes) > Math.max(16, this.classes.count / 4))
          return this.rebuild(ws, 'many empty classes');
        return this.recompile(ws, 'pods in new classes');
      }
    }
    this.rowsCache.clear();
    const changes: Change[] = [];
    const present = new Set<PolicyKey>();
    for (const p of ws.policies) {
      present.add(p.key);
      const slot = this.slotByKey.get(p.key);
      const prior = slot === undefined ? undefined : this.iso.slots[slot]?.policy;
      if (prior !== p && (prior === undefined || this.fingerprint(slot!) !== fingerprint(p)))
        changes.push({ key: p.key, policy: p });
    }
    for (const key of this.slotByKey.keys()) if (!present.has(key)) changes.push({ key, policy: undefined });
    return this.apply(changes, ws);
  }

  replacePolicy(key: PolicyKey, policy: CompiledPolicy | undefined): EvaluatorUpdate {
    const list = this.workspace.policies.filter((p) => p.key !== key);
    if (policy) {
      const at = this.workspace.policies.findIndex((p) => p.key === key);
      list.splice(at < 0 ? list.length : at, 0, policy);
    }
    return this.apply([{ key, policy }], { ...this.workspace, policies: list });
  }

  private apply(changes: readonly Change[], ws: Workspace): EvaluatorUpdate {
    for (const c of changes) {
      if (!c.policy) continue;
      const fresh = collectIpBlocks([c.policy]).find((b) => !this.sigs.blockIndex.has(b.key));
      if (fresh) return this.rebuild(ws, `new ipBlock ${fresh.key}`);
    }
    this.workspace = ws;
    if (changes.length === 0) return { mode: 'unchanged', rows: 0, columns: 0 };
    const egress = new Set<number>();
    const ingress = new Set<number>();
    for (const { key, policy } of changes) {
      let slot = this.slotByKey.get(key);
      const old = slot === undefined ? undefined : this.iso.slots[slot];
      if (old) this.place(slot!, old.selEgress, old.selIngress, egress, ingress, false);
      if (!policy) {
        if (slot !== undefined) this.iso.slots[slot] = undefined;
        this.slotByKey.delete(key);
        continue;
      }
      if (slot === undefined) {
        slot = this.iso.slots.length;
        this.iso.slots.push(undefined);
        this.slotByKey.set(key, slot);
      }
      const pc = this.compiler.compile(policy);
      this.iso.slots[slot] = pc;
      this.fingerprints[slot] = undefined;
      this.place(slot, pc.selEgress, pc.selIngress, egress, ingress, true);
    }
    const entryKeys = changes.flatMap((c) => (c.policy ? portEntryKeys(c.policy) : []));
    for (const [key, m] of this.matrices) {
      const known = m.plan.portEntries;
      const stale =
        known !== undefined &&
        entryKeys.some((k) => !known.has(k)) &&
        portPlan(parseKey(key), this.classes, ws.policies).signature !== m.plan.signature;
      if (stale) this.matrices.delete(key);
    }
    this.grouper.touch(egress, ingress);
    return { mode: 'incremental', rows: egress.size, columns: ingress.size };
  }

  private place(
    slot: number,
    selEgress: readonly number[] | null,
    selIngress: readonly number[] | null,
    egress: Set<number>,
    ingress: Set<number>,
    add: boolean,
  ): void {
    const edit = (lists: number[][], classes: readonly number[] | null, touched: Set<number>): void => {
      for (const k of classes ?? []) {
        const list = lists[k]!;
        if (add) list.push(slot);
        else list.splice(list.indexOf(slot), 1);
        touched.add(k);
      }
    };
    edit(this.iso.egress, selEgress, egress);
    edit(this.iso.ingress, selIngress, ingress);
  }

  private matrix(q: PortQuery): ClassMatrix {
    const key = JSON.stringify(q);
    let m = this.matrices.get(key);
    if (m) {
      this.matrices.delete(key);
    } else {
      const plan = portPlan(q, this.classes, this.workspace.policies);
      m = new ClassMatrix(this.iso, plan, this.named);
      if (this.matrices.size >= MAX_CACHED_PORTS) this.matrices.delete(this.matrices.keys().next().value!);
    }
    this.matrices.set(key, m);
    return m;
  }

  private fingerprint(slot: number): string {
    return (this.fingerprints[slot] ??= fingerprint(this.iso.slots[slot]!.policy));
  }

  private rebuild(ws: Workspace, reason?: string): EvaluatorUpdate {
    this.workspace = ws;
    const blocks = collectIpBlocks(ws.policies);
    const known = new Set(blocks.map((b) => b.key));
    for (const b of collectNetworkBlocks(ws.adminPolicies)) if (!known.has(b.key)) blocks.push(b);
    this.sigs = buildIpSignatures(blocks);
    // The first build has no classes before it (`classes` is set in the constructor's rebuild).
    this.classes = buildClasses(ws, this.sigs, (this.classes as EndpointClasses | undefined)?.index);
    return this.compileAll(ws, reason);
  }

  /**
   * Compiles every policy again over the classes as they are (after a class was added),
   * unless a policy has an ipBlock the signatures do not know: then everything is rebuilt.
   */
  private recompile(ws: Workspace, reason: string): EvaluatorUpdate {
    const fresh = collectIpBlocks(ws.policies).find((b) => !this.sigs.blockIndex.has(b.key));
    if (fresh) return this.rebuild(ws, `new ipBlock ${fresh.key}`);
    this.workspace = ws;
    return this.compileAll(ws, reason);
  }

  private compileAll(ws: Workspace, reason?: string): EvaluatorUpdate {
    this.compiler = new PolicyCompiler(this.classes);
    this.named = new NamedPorts(this.classes);
    const count = this.classes.count;
    this.iso = {
      slots: [],
      egress: Array.from({ length: count }, () => []),
      ingress: Array.from({ length: count }, () => []),
    };
    this.slotByKey.clear();
    this.fingerprints = [];
    this.matrices.clear();
    this.rowsCache.clear();
    const ignore = new Set<number>();
    for (const p of ws.policies) {
      if (this.slotByKey.has(p.key)) continue;
      const slot = this.iso.slots.length;
      const pc = this.compiler.compile(p);
      this.iso.slots.push(pc);
      this.slotByKey.set(p.key, slot);
      this.place(slot, pc.selEgress, pc.selIngress, ignore, ignore, true);
    }
    // Lists that were pushed to keep room for 17 slots; most hold one or two.
    for (const lists of [this.iso.egress, this.iso.ingress])
      for (let k = 0; k < count; k++) if (lists[k]!.length > 0) lists[k] = lists[k]!.slice();
    this.grouper = new ClassGrouper(this.classes, this.iso);
    return { mode: 'rebuild', rows: count, columns: count, ...(reason ? { reason } : {}) };
  }
}

function parseKey(key: string): PortQuery {
  return JSON.parse(key) as PortQuery;
}

/** A policy's content without its source position (bigints as text). */
function fingerprint(p: CompiledPolicy): string {
  return JSON.stringify([p.namespace, p.podSelector, p.policyTypes, p.ingress, p.egress], (_k, v: unknown) =>
    typeof v === 'bigint' ? v.toString() : v,
  );
}

function structuralChange(a: Workspace, b: Workspace): string | undefined {
  if (a.options.ipBlockMatchesPodIPs !== b.options.ipBlockMatchesPodIPs) return 'engine options changed';
  // Unchanged documents keep their objects (loadWorkspace), so the same objects in the same
  // order settle it without writing every namespace out (~7 ms a keystroke at 500 namespaces).
  const nsKey = (w: Workspace): string =>
    JSON.stringify(w.namespaces.map((n) => [n.name, Object.entries(n.labels).sort()]));
  if (!sameItems(a.namespaces, b.namespaces) && nsKey(a) !== nsKey(b)) return 'namespaces changed';
  const nodeKey = (w: Workspace): string => JSON.stringify(w.nodes.map((n) => [n.name, n.ips]));
  if (!sameItems(a.nodes, b.nodes) && nodeKey(a) !== nodeKey(b)) return 'nodes changed';
  return undefined;
}
