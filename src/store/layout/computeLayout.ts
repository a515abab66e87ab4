/**
 * Where things go on the canvas, between two full layouts. A full layout (ELK, see
 * `elkLayout.ts`) runs when nothing on the canvas has a position yet (a new workspace,
 * an Open or a paste that replaced everything, _Auto layout_); until it answers, a
 * provisional grid is drawn and nothing is saved. Otherwise saved positions are kept
 * (view state, persisted) and only what is new is placed: a new pod in the first free
 * slot of its frame (the frame grows to fit), a new frame or outside node in the free
 * space to the right. Then nothing may overlap: a box that overlaps another is pushed
 * down or right, never the one the user just dragged.
 */

export const POD_WIDTH = 220;
export const POD_HEIGHT = 76;
export const EXTERNAL_WIDTH = 190;
export const EXTERNAL_HEIGHT = 56;
/** Space between boxes, and a frame's inner padding. */
export const GAP = 20;
/** The frame's title bar: pods never go above it. */
export const HEADER = 44;
const PODS_PER_ROW = 2;
const COLLAPSED = { width: POD_WIDTH + 2 * GAP, height: HEADER + 20 };
/** A namespace without pods is only its title bar. */
export const EMPTY_FRAME = { width: 200, height: HEADER + 12 };

export interface Point {
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface Box extends Point, Size {}

/**
 * Canvas node positions by node id (layout state, not document): `ns:NAME` and `ext:ADDRESS`
 * absolute, `pod:KEY` relative to its frame. The store's one `Positions` type.
 */
export type Positions = Record<string, Point>;

export interface LayoutInput {
  namespaces: { name: string; pods: string[]; collapsed: boolean }[];
  externals: string[];
}

export interface Layout {
  frames: Record<string, Box>;
  pods: Record<string, Point>;
  externals: Record<string, Point>;
  /** Positions that were computed or moved now: the caller saves them. */
  placed: Positions;
  /** Nothing had a position: this is a provisional grid, and a full layout should run. */
  fresh: boolean;
}

/** Whether two boxes overlap, or come closer than `margin`. */
export function overlaps(a: Box, b: Box, margin = 0): boolean {
  return (
    a.x < b.x + b.width + margin &&
    b.x < a.x + a.width + margin &&
    a.y < b.y + b.height + margin &&
    b.y < a.y + a.height + margin
  );
}

/**
 * The i-th free slot of a frame with `columns` columns, as far apart as ELK's layers, so
 * an edge between neighbours shows.
 */
function slot(i: number, columns: number): Point {
  return {
    x: GAP + (i % columns) * (POD_WIDTH + GAP * 3),
    y: HEADER + Math.floor(i / columns) * (POD_HEIGHT + GAP * 2),
  };
}

/** Two columns for a few pods; for many, about as many columns as rows (a frame of 1,000 pods is not a tower). */
const columnsFor = (pods: number): number => Math.max(PODS_PER_ROW, Math.round(Math.sqrt(pods / 2)));

const podBox = (p: Point): Box => ({ ...p, width: POD_WIDTH, height: POD_HEIGHT });

/**
 * Pushes boxes apart until none overlap (with `margin`): of two overlapping boxes the
 * later one in reading order moves, unless it is `pinned`; it moves down or right,
 * whichever is shorter. Moves only ever go down or right, so this ends.
 */
export function separate(boxes: (Box & { id: string })[], pinned: string | null, margin = GAP): void {
  const order = [...boxes].sort((a, b) => a.y - b.y || a.x - b.x);
  for (let pass = 0; pass < boxes.length * boxes.length + 1; pass++) {
    let moved = false;
    for (let i = 0; i < order.length; i++) {
      for (let k = i + 1; k < order.length; k++) {
        const a = order[i];
        const b = order[k];
        if (!a || !b || !overlaps(a, b, margin - 1)) continue;
        const [still, mover] = b.id === pinned ? [b, a] : [a, b];
        const down = still.y + still.height + margin - mover.y;
        const right = still.x + still.width + margin - mover.x;
        if (down <= right) mover.y += down;
        else mover.x += right;
        moved = true;
      }
    }
    if (!moved) return;
  }
}

/** The canvas is about as wide as it is tall: aim for boxes that fill such a shape. */
const TARGET_ASPECT = 1.2;

/**
 * Puts new boxes in the free space beside the placed ones, in rows (shelves) no wider
 * than the drawing should be: below everything when the drawing is wider than the
 * canvas's shape, else in a new column to its right. With nothing placed, the rows
 * start at the origin (the provisional grid, or the grid of a workspace too large for
 * a full layout).
 */
function placeNew(boxes: (Box & { id: string })[], fresh: (Size & { id: string })[]): void {
  if (fresh.length === 0) return;
  const area = [...boxes, ...fresh].reduce((sum, b) => sum + (b.width + GAP) * (b.height + GAP), 0);
  const widest = Math.max(...fresh.map((b) => b.width));
  let originX = 0;
  let originY = 0;
  let rowWidth = Math.max(widest, Math.sqrt(area * TARGET_ASPECT));
  if (boxes.length > 0) {
    const left = Math.min(...boxes.map((b) => b.x));
    const topY = Math.min(...boxes.map((b) => b.y));
    const right = Math.max(...boxes.map((b) => b.x + b.width));
    const bottom = Math.max(...boxes.map((b) => b.y + b.height));
    if (right - left > (bottom - topY) * TARGET_ASPECT) {
      [originX, originY] = [left, bottom + GAP * 2];
      rowWidth = Math.max(widest, right - left);
    } else {
      [originX, originY] = [right + GAP * 3, topY];
      rowWidth = widest;
    }
  }
  let x = originX;
  let y = originY;
  let rowHeight = 0;
  for (const b of fresh) {
    if (x > originX && x + b.width > originX + rowWidth) {
      x = originX;
      y += rowHeight + GAP * 2;
      rowHeight = 0;
    }
    boxes.push({ ...b, x, y });
    x += b.width + GAP * 2;
    rowHeight = Math.max(rowHeight, b.height);
  }
}

export function computeLayout(input: LayoutInput, saved: Positions, pinned: string | null = null): Layout {
  const ids = [
    ...input.namespaces.flatMap((ns) => [`ns:${ns.name}`, ...ns.pods.map((k) => `pod:${k}`)]),
    ...input.externals.map((a) => `ext:${a}`),
  ];
  const fresh = ids.length > 0 && ids.every((id) => !saved[id]);
  const placed: Positions = {};
  const pods: Record<string, Point> = {};
  const sizes: Record<string, Size> = {};
  const shifts: Record<string, Point> = {};

  for (const ns of input.namespaces) {
    const boxes: (Box & { id: string })[] = [];
    const fresh: string[] = [];
    for (const key of ns.pods) {
      const at = saved[`pod:${key}`];
      if (at) boxes.push({ id: key, ...podBox(at) });
      else fresh.push(key);
    }
    // Pods dragged onto each other are pushed apart (the dragged one stays).
    separate(boxes, pinned?.startsWith('pod:') ? pinned.slice(4) : null);
    // A pod dragged past its frame's edge, or away from its top or left, moves the frame
    // instead: the pods keep where they are on the canvas, the frame wraps them snugly.
    if (boxes.length > 0 && saved[`ns:${ns.name}`]) {
      const dx = Math.min(...boxes.map((b) => b.x)) - GAP;
      const dy = Math.min(...boxes.map((b) => b.y)) - HEADER;
      for (const b of boxes) {
        b.x -= dx;
        b.y -= dy;
      }
      if (dx !== 0 || dy !== 0) shifts[`ns:${ns.name}`] = { x: dx, y: dy };
    }
    let i = 0;
    const columns = columnsFor(ns.pods.length);
    // With none placed yet (a file opened), slot after slot; else the free slots between them.
    const placedBefore = boxes.length;
    for (const key of fresh) {
      let candidate = slot(i, columns);
      if (placedBefore > 0)
        while (boxes.some((b) => overlaps(b, podBox(candidate), GAP - 1))) candidate = slot(++i, columns);
      boxes.push({ id: key, ...podBox(candidate) });
      i++;
    }
    for (const b of boxes) {
      pods[b.id] = { x: b.x, y: b.y };
      const before = saved[`pod:${b.id}`];
      if (!before || before.x !== b.x || before.y !== b.y) placed[`pod:${b.id}`] = { x: b.x, y: b.y };
    }
    const right = Math.max(POD_WIDTH + GAP, ...boxes.map((p) => p.x + POD_WIDTH)) + GAP;
    const bottom = Math.max(HEADER + POD_HEIGHT, ...boxes.map((p) => p.y + POD_HEIGHT)) + GAP;
    sizes[`ns:${ns.name}`] = ns.collapsed
      ? COLLAPSED
      : boxes.length === 0
        ? EMPTY_FRAME
        : { width: right, height: bottom };
  }
  for (const address of input.externals)
    sizes[`ext:${address}`] = { width: EXTERNAL_WIDTH, height: EXTERNAL_HEIGHT };

  const top = Object.keys(sizes);
  const boxes: (Box & { id: string })[] = [];
  const known = top.filter((id) => saved[id]);
  for (const id of known) {
    const at = saved[id] as Point;
    const shift = shifts[id] ?? { x: 0, y: 0 };
    boxes.push({ id, x: at.x + shift.x, y: at.y + shift.y, ...(sizes[id] as Size) });
  }
  placeNew(
    boxes,
    top.filter((t) => !saved[t]).map((id) => ({ id, ...(sizes[id] as Size) })),
  );
  // Boxes placed afresh side by side never overlap (1,000 frames: ~35 ms of checks saved).
  if (known.length > 0) separate(boxes, pinned);

  const frames: Record<string, Box> = {};
  const externals: Record<string, Point> = {};
  for (const b of boxes) {
    const before = saved[b.id];
    if (!before || before.x !== b.x || before.y !== b.y) placed[b.id] = { x: b.x, y: b.y };
    if (b.id.startsWith('ns:')) frames[b.id.slice(3)] = { x: b.x, y: b.y, width: b.width, height: b.height };
    else externals[b.id.slice(4)] = { x: b.x, y: b.y };
  }
  // A provisional grid is drawn, not saved: the full layout replaces it.
  return { frames, pods, externals, placed: fresh ? {} : placed, fresh };
}

/** The provisional grid as positions: what is saved when no full layout can be made. */
export function gridPositions(input: LayoutInput): Positions {
  return layoutPositions(computeLayout(input, {}));
}

/** Where a layout puts everything, as positions (`ns:`, `pod:` and `ext:` ids). */
export function layoutPositions(layout: Layout): Positions {
  const out: Positions = {};
  for (const [name, box] of Object.entries(layout.frames)) out[`ns:${name}`] = { x: box.x, y: box.y };
  for (const [key, p] of Object.entries(layout.pods)) out[`pod:${key}`] = p;
  for (const [address, p] of Object.entries(layout.externals)) out[`ext:${address}`] = p;
  return out;
}

/** Whether two layout inputs place the same things (most keystrokes change none). */
export function sameLayoutInput(a: LayoutInput, b: LayoutInput): boolean {
  if (a.externals.length !== b.externals.length || a.namespaces.length !== b.namespaces.length) return false;
  if (a.externals.some((e, i) => e !== b.externals[i])) return false;
  return a.namespaces.every((ns, i) => {
    const other = b.namespaces[i];
    return (
      other !== undefined &&
      ns.name === other.name &&
      ns.collapsed === other.collapsed &&
      ns.pods.length === other.pods.length &&
      ns.pods.every((p, j) => p === other.pods[j])
    );
  });
}
