import { cellRow } from '../../engine';
import type { MatrixResult } from '../../store/analysisTypes';
import type { CountedBundle } from './bundles';

/**
 * Every pair between two groups, one of them a namespace, counted per group pair (bundles):
 * one pass over the table, numbers only. The table lists endpoints namespace by namespace,
 * so a row is read as runs of one group each: a row's cells are made bytes once and a run is
 * summed four at a time, not tested cell by cell. The worker's sums (`bundlesFromSums`)
 * replace it wherever the worker made the table.
 */
export function countBundles(
  result: MatrixResult,
  group: Int32Array,
  isNamespace: Uint8Array,
  counts: Int32Array,
  map: { shown: Uint8Array; shapesIn: Uint8Array; shapesOut: Uint8Array; showBlocked: boolean } | null,
): void {
  const n = result.keys.length;
  // One row at a time, as bytes (its words aligned).
  const allowed = new Uint8Array(n + 3);
  const g = isNamespace.length;
  const runStarts: number[] = [];
  for (let j = 0; j < n; j++) if (j === 0 || group[j] !== group[j - 1]) runStarts.push(j);
  runStarts.push(n);
  const runs = runStarts.length - 1;
  // Cells are 0 or 1: four at a time, as one 32-bit word (its four bytes summed by one multiply).
  const words = new Uint32Array(allowed.buffer, 0, allowed.length >> 2);
  const sum = (from: number, to: number): number => {
    let total = 0;
    let j = from;
    for (; j < to && (j & 3) !== 0; j++) total += allowed[j]!;
    const end = to >> 2;
    for (let w = j >> 2; w < end; w++) total += Math.imul(words[w]!, 0x01010101) >>> 24;
    j = Math.max(j, end << 2);
    for (; j < to; j++) total += allowed[j]!;
    return total;
  };
  for (let i = 0; i < n; i++) {
    const gi = group[i]!;
    cellRow(result.cells, i, allowed);
    const base = gi * g;
    const outside = isNamespace[gi] === 0;
    const shapesOut = map !== null && map.shapesOut[i] === 1;
    for (let r = 0; r < runs; r++) {
      const start = runStarts[r]!;
      const end = runStarts[r + 1]!;
      const gj = group[start]!;
      if (gi === gj || (outside && isNamespace[gj] === 0)) continue;
      const yes = sum(start, end);
      const no = end - start - yes;
      const at = (base + gj) * 2;
      counts[at]! += yes;
      counts[at + 1]! += no;
      // What the service map would draw (see forEachMapPair, without a focus).
      if (!map || map.shown[base + gj] === 1) continue;
      if ((no > 0 && map.showBlocked) || (yes > 0 && shapesOut)) map.shown[base + gj] = 1;
      else if (yes > 0)
        for (let j = start; j < end; j++)
          if (allowed[j] === 1 && map.shapesIn[j] === 1) {
            map.shown[base + gj] = 1;
            break;
          }
    }
  }
}

/**
 * {@link countBundles} from the sums the worker made over the class groups
 * (`MatrixResult.bundles`), without reading a cell: each worker block (a namespace or an
 * outside address) is one group here. False, with nothing written, when the blocks do not
 * match the groups (the canvas then counts the cells).
 */
export function bundlesFromSums(
  result: MatrixResult,
  group: Int32Array,
  isNamespace: Uint8Array,
  counts: Int32Array,
  map: { shown: Uint8Array; showBlocked: boolean } | null,
): boolean {
  const matched = blocksAsGroups(result, group);
  if (!matched) return false;
  const { sums, groupOfBlock, size } = matched;
  const { blocks } = sums;
  const g = isNamespace.length;
  const { allowed, fromShaped, toShaped } = sums;
  // A million block pairs at 1,000 namespaces: the service map draws few of them, so it
  // marks those first and counts only them (counting every pair took ~40 ms a call).
  const shown = map?.shown;
  if (map && shown) {
    for (let a = 0; a < blocks; a++) {
      const ga = groupOfBlock[a]!;
      if (ga < 0) continue;
      const row = a * blocks;
      const pairs = ga * g;
      for (let b = 0; b < blocks; b++) {
        const at = row + b;
        const mark =
          fromShaped[at]! > 0 || toShaped[at]! > 0 || (map.showBlocked && allowed[at]! < size[a]! * size[b]!);
        if (!mark) continue;
        const gb = groupOfBlock[b]!;
        if (gb >= 0 && ga !== gb && (isNamespace[ga] === 1 || isNamespace[gb] === 1)) shown[pairs + gb] = 1;
      }
    }
  }
  for (let a = 0; a < blocks; a++) {
    const ga = groupOfBlock[a]!;
    if (ga < 0) continue;
    const row = a * blocks;
    for (let b = 0; b < blocks; b++) {
      const gb = groupOfBlock[b]!;
      if (gb < 0 || ga === gb || (isNamespace[ga] === 0 && isNamespace[gb] === 0)) continue;
      const pair = ga * g + gb;
      // Bundles the map does not draw are not counted (the counts are read only for those drawn).
      if (shown && shown[pair] !== 1) continue;
      const yes = allowed[row + b]!;
      counts[pair * 2]! += yes;
      counts[pair * 2 + 1]! += size[a]! * size[b]! - yes;
    }
  }
  return true;
}

/**
 * The service map's bundles straight from the worker's list of the block pairs it draws
 * (`MatrixResult.bundles.shaped`), in the order of the group pairs, without a pass over every
 * pair of blocks. Null where the list cannot serve: no sums, or blocks that are not the
 * groups one to one (the canvas then counts as {@link bundlesFromSums} does).
 */
export function shapedBundles(
  result: MatrixResult,
  group: Int32Array,
  isNamespace: Uint8Array,
  groupIds: readonly string[],
): CountedBundle[] | null {
  const matched = blocksAsGroups(result, group);
  if (!matched) return null;
  const { sums, groupOfBlock, size } = matched;
  const { blocks } = sums;
  const blockOfGroup = new Map<number, number>();
  for (let b = 0; b < blocks; b++) {
    const gb = groupOfBlock[b]!;
    if (gb < 0) continue;
    if (blockOfGroup.has(gb)) return null;
    blockOfGroup.set(gb, b);
  }
  const g = isNamespace.length;
  const found: { key: number; bundle: CountedBundle }[] = [];
  for (const at of sums.shaped) {
    const a = Math.floor(at / blocks);
    const ga = groupOfBlock[a]!;
    const gb = groupOfBlock[at - a * blocks]!;
    if (ga < 0 || gb < 0 || ga === gb || (isNamespace[ga] === 0 && isNamespace[gb] === 0)) continue;
    const allowed = sums.allowed[at]!;
    const blocked = size[a]! * size[at - a * blocks]! - allowed;
    if (allowed + blocked > 0)
      found.push({
        key: ga * g + gb,
        bundle: { from: groupIds[ga] ?? '', to: groupIds[gb] ?? '', allowed, blocked, shaping: false },
      });
  }
  return found.sort((x, y) => x.key - y.key).map((f) => f.bundle);
}

/**
 * The bundles of counted group pairs (`counts`: allowed at `(from * g + to) * 2`, blocked
 * after it; dense, or only the pairs met), those `shown` where given, in pair order.
 */
export function countedBundles(
  groupIds: readonly string[],
  counts: Int32Array | ReadonlyMap<number, number>,
  shown: Uint8Array | null,
  shaping: ReadonlySet<number> | null,
): CountedBundle[] {
  const g = groupIds.length;
  const count = (at: number): number => (counts instanceof Int32Array ? counts[at] : counts.get(at)) ?? 0;
  const bundles: CountedBundle[] = [];
  const add = (p: number): void => {
    if (shown && shown[p] !== 1) return;
    const allowed = count(p * 2);
    const blocked = count(p * 2 + 1);
    const a = Math.floor(p / g);
    if (allowed + blocked > 0)
      bundles.push({
        from: groupIds[a] ?? '',
        to: groupIds[p - a * g] ?? '',
        allowed,
        blocked,
        shaping: shaping?.has(p) === true,
      });
  };
  if (counts instanceof Int32Array) for (let p = 0; p < g * g; p++) add(p);
  else for (const p of [...new Set([...counts.keys()].map((at) => at >> 1))].sort((x, y) => x - y)) add(p);
  return bundles;
}

/**
 * The worker's blocks as the canvas's groups: each block's group and size, or null when
 * there are no sums or a block's rows fall in more than one group.
 */
function blocksAsGroups(
  result: MatrixResult,
  group: Int32Array,
): { sums: NonNullable<MatrixResult['bundles']>; groupOfBlock: Int32Array; size: Float64Array } | null {
  const sums = result.bundles;
  const n = group.length;
  if (!sums || sums.blockOf.length !== n) return null;
  const { blocks, blockOf } = sums;
  const groupOfBlock = new Int32Array(blocks).fill(-1);
  const size = new Float64Array(blocks);
  for (let i = 0; i < n; i++) {
    const b = blockOf[i]!;
    if (groupOfBlock[b] === -1) groupOfBlock[b] = group[i]!;
    else if (groupOfBlock[b] !== group[i]) return null;
    size[b]!++;
  }
  return { sums, groupOfBlock, size };
}
