import type { PortQuery } from '../../model/verdict';
import type { Workspace } from '../../model/workspace';
import { canonicalIp } from '../../selectors/cidr';
import type { TableEndpoint, TruthTable } from '../truthTable';
import { isSingleInstance } from '../resolveEndpoint';
import type { EndpointClasses } from './classes';
import { outsideClass } from './classes';
import type { GroupBits } from './classMatrix';
import { blockSums } from './blockSums';
import type { BlockSums } from './blockSums';
import { setBit, wordsFor } from './bits';
import { cellAllowed, cellsToBytes } from '../cellMatrix';
import type { CellMatrix } from '../cellMatrix';

/**
 * The rows of a table (pods in workspace order, then the outside addresses) with what each
 * row needs beyond its class: who it is (`self`: a single-instance pod, shared by an address
 * that belongs to it), its node and whether it is host-level (`node-local`). `rows` (an
 * object per row) is made on first read: answering cells needs only the typed arrays.
 */
export type TableRows = {
  readonly rows: readonly TableEndpoint[];
  readonly problems: readonly string[];
  readonly rowClass: Int32Array;
  /** Pod index for single-instance pods (and addresses owned by one), -1 otherwise. */
  readonly rowSelf: Int32Array;
  /** Node id (interned name), -1 when none. */
  readonly rowNode: Int32Array;
  readonly rowHost: Uint8Array;
};

/** Builds the rows of a table over the workspace's pods and the given outside addresses. */
export function tableRows(ws: Workspace, c: EndpointClasses, externals: readonly string[]): TableRows {
  const problems: string[] = [];
  const pods = ws.pods;
  const seen = new Set<string>();
  const extra: { row: TableEndpoint; cls: number; self: number; node: string | undefined; host: boolean }[] =
    [];
  let podIndex: Map<string, number> | undefined;
  for (const text of externals) {
    const ip = canonicalIp(text);
    if (ip === undefined) {
      problems.push(`${JSON.stringify(text)} is not an IP address`);
      continue;
    }
    if (seen.has(ip)) continue;
    seen.add(ip);
    const row: TableEndpoint = { endpoint: { kind: 'ip', ip }, key: ip };
    const owner = ws.ipOwners.get(ip);
    const pod = owner?.kind === 'pod' ? ws.podByKey.get(owner.key) : undefined;
    const node = owner?.kind === 'node' ? ws.nodeByName.get(owner.name) : undefined;
    if (pod) {
      podIndex ??= new Map(ws.pods.map((p, i) => [p.key, i]));
      const i = podIndex.get(pod.key) ?? -1;
      const cls = c.podClass[i]!;
      extra.push({
        row,
        cls,
        self: isSingleInstance(pod) ? i : -1,
        node: pod.nodeName,
        host: pod.hostNetwork,
      });
    } else if (node) {
      extra.push({ row, cls: c.nodeClass.get(node.name)!, self: -1, node: node.name, host: true });
    } else {
      extra.push({
        row,
        cls: outsideClass(c, c.sigs.signatureOf([ip])),
        self: -1,
        node: undefined,
        host: false,
      });
    }
  }
  const n = pods.length + extra.length;
  const rowClass = new Int32Array(n);
  const rowSelf = new Int32Array(n).fill(-1);
  const rowNode = new Int32Array(n).fill(-1);
  const rowHost = new Uint8Array(n);
  const nodeIds = new Map<string, number>();
  const nodeId = (name: string | undefined): number => {
    if (name === undefined) return -1;
    let id = nodeIds.get(name);
    if (id === undefined) nodeIds.set(name, (id = nodeIds.size));
    return id;
  };
  ws.pods.forEach((p, i) => {
    rowClass[i] = c.podClass[i]!;
    if (isSingleInstance(p)) rowSelf[i] = i;
    rowNode[i] = nodeId(p.nodeName);
    rowHost[i] = p.hostNetwork ? 1 : 0;
  });
  extra.forEach((x, k) => {
    const i = ws.pods.length + k;
    rowClass[i] = x.cls;
    rowSelf[i] = x.self;
    rowNode[i] = nodeId(x.node);
    rowHost[i] = x.host ? 1 : 0;
  });
  let rows: TableEndpoint[] | undefined;
  return {
    get rows(): readonly TableEndpoint[] {
      if (!rows) {
        rows = pods.map((p): TableEndpoint => ({ endpoint: { kind: 'pod', key: p.key }, key: p.key }));
        for (const x of extra) rows.push(x.row);
      }
      return rows;
    },
    problems,
    rowClass,
    rowSelf,
    rowNode,
    rowHost,
  };
}

/** A class-level matrix (`words` words per class row) for one port. */
export type ClassBits = { readonly bits: Uint32Array; readonly words: number };

/** The dense class matrix (`count` x `count`) of a matrix over groups. */
export function denseBits(m: GroupBits, count: number): ClassBits {
  const words = wordsFor(count);
  const bits = new Uint32Array(count * words);
  const firstOfGroup = new Map<number, number>();
  for (let s = 0; s < count; s++) {
    const gs = m.src[s]!;
    const prior = firstOfGroup.get(gs);
    if (prior !== undefined) {
      bits.copyWithin(s * words, prior * words, prior * words + words);
      continue;
    }
    firstOfGroup.set(gs, s);
    const off = gs * m.words;
    for (let d = 0; d < count; d++) {
      const gd = m.dst[d]!;
      if ((m.bits[off + (gd >>> 5)]! >>> (gd & 31)) & 1) setBit(bits, s * words, d);
    }
  }
  return { bits, words };
}

/** A dense class matrix as a matrix over groups (each class its own group). */
export function ungroupedBits(b: ClassBits, count: number): GroupBits {
  const identity = new Int32Array(count);
  for (let k = 0; k < count; k++) identity[k] = k;
  return { bits: b.bits, words: b.words, src: identity, dst: identity };
}

/**
 * The fast truth table (the {@link TruthTable} contract plus `toByteMatrix`): a cell is
 * allowed by an exception (`self`, `node-local`) or by its classes' bit; nothing of size
 * rows x rows is allocated unless `toByteMatrix` is called.
 */
export type FastTruthTable = TruthTable & {
  /** The cells of one port as a row-major rows x rows byte matrix (1 = allowed). */
  toByteMatrix(portIndex: number): Uint8Array;
  /**
   * One port's cells as a matrix over row groups with the per-row exceptions (shares the
   * engine's arrays: read it, never write it; `copyCells` before sending it elsewhere).
   */
  cells(portIndex: number): CellMatrix | undefined;
  /** Number of endpoint classes the table was computed over. */
  readonly classCount: number;
  /** Each row's endpoint class: its row and column in {@link FastTruthTable.classBits}. */
  readonly rowClass: Int32Array;
  /**
   * The class-level matrix of one port, before the per-row exceptions (`self`, `node-local`),
   * which `isAllowed` and `toByteMatrix` add. The engine keeps it over class groups; this dense
   * copy (`classCount` squared bits) is made on the first call and kept with the table. A
   * snapshot: read it, never write it.
   */
  classBits(portIndex: number): ClassBits | undefined;
  /**
   * Allowed cells of one port summed per pair of row blocks (`block`: each row's block, of
   * `blocks`), also over flagged rows and over flagged columns; from the groups' matrix, not
   * cell by cell (see `blockSums`).
   */
  blockSums(
    portIndex: number,
    block: Int32Array,
    blocks: number,
    rowFlag: Uint8Array,
    colFlag: Uint8Array,
    /** Sums to write over (same number of blocks), instead of new arrays. */
    out?: BlockSums,
  ): BlockSums | undefined;
};

/** Wraps per-port matrices (over class groups) and rows into a {@link FastTruthTable}. */
export function classTable(
  t: TableRows,
  ports: readonly PortQuery[],
  perPort: readonly GroupBits[],
  classCount: number,
): FastTruthTable {
  const { rowClass, rowSelf, rowNode, rowHost } = t;
  const n = rowClass.length;
  const cellsOf: (CellMatrix | undefined)[] = [];
  const cells = (portIndex: number): CellMatrix | undefined => {
    const m = perPort[portIndex];
    if (!m) return undefined;
    return (cellsOf[portIndex] ??= {
      n,
      words: m.words,
      bits: m.bits,
      rowSrc: groupOfRow(rowClass, m.src),
      rowDst: groupOfRow(rowClass, m.dst),
      rowSelf,
      rowNode,
      rowHost,
    });
  };
  const isAllowed = (from: number, to: number, portIndex: number): boolean => {
    const m = cells(portIndex);
    if (!m || from < 0 || to < 0 || from >= n || to >= n) return false;
    return cellAllowed(m, from, to);
  };
  const toByteMatrix = (portIndex: number): Uint8Array => {
    const m = cells(portIndex);
    return m ? cellsToBytes(m) : new Uint8Array(n * n);
  };
  const dense: (ClassBits | undefined)[] = [];
  return {
    get rows() {
      return t.rows;
    },
    ports,
    isAllowed,
    problems: t.problems,
    toByteMatrix,
    cells,
    classCount,
    rowClass,
    blockSums: (portIndex, block, blocks, rowFlag, colFlag, out) => {
      const m = cells(portIndex);
      return m && blockSums(m, block, blocks, rowFlag, colFlag, out);
    },
    classBits: (portIndex) => {
      const m = perPort[portIndex];
      if (!m) return undefined;
      return (dense[portIndex] ??= denseBits(m, classCount));
    },
  };
}

/**
 * Per row, the group of its class. A loop, not `Int32Array.from` with a map function: that
 * called a function per row through the iterator protocol (~8 ms a keystroke at 5,000 pods
 * until optimised, the first keys after a file opens).
 */
function groupOfRow(rowClass: ArrayLike<number>, groupOfClass: ArrayLike<number>): Int32Array {
  const out = new Int32Array(rowClass.length);
  for (let i = 0; i < out.length; i++) out[i] = groupOfClass[rowClass[i]!]!;
  return out;
}
