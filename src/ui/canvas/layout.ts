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

/** Saved positions by node id: `ns:NAME` and `ext:ADDRESS` absolute, `pod:KEY` relative to its frame. */
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

function slot(i: number): Point {
  return {
    x: GAP + (i % PODS_PER_ROW) * (POD_WIDTH + GAP),
    y: HEADER + Math.floor(i / PODS_PER_ROW) * (POD_HEIGHT + GAP),
  };
}

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

export function computeLayout(input: LayoutInput, saved: Positions, pinned: string | null = null): Layout {
  const ids = [
    ...input.namespaces.flatMap((ns) => [`ns:${ns.name}`, ...ns.pods.map((k) => `pod:${k}`)]),
    ...input.externals.map((a) => `ext:${a}`),
  ];
  const fresh = ids.length > 0 && ids.every((id) => !saved[id]);
  const placed: Positions = {};
  const pods: Record<string, Point> = {};
  const sizes: Record<string, Size> = {};

  for (const ns of input.namespaces) {
    const boxes: (Box & { id: string })[] = [];
    const fresh: string[] = [];
    for (const key of ns.pods) {
      const at = saved[`pod:${key}`];
      if (at) boxes.push({ id: key, ...podBox({ x: Math.max(GAP, at.x), y: Math.max(HEADER, at.y) }) });
      else fresh.push(key);
    }
    // Pods dragged onto each other are pushed apart (the dragged one stays).
    separate(boxes, pinned?.startsWith('pod:') ? pinned.slice(4) : null);
    let i = 0;
    for (const key of fresh) {
      let candidate = slot(i);
      while (boxes.some((b) => overlaps(b, podBox(candidate), GAP - 1))) candidate = slot(++i);
      boxes.push({ id: key, ...podBox(candidate) });
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
  for (const id of known) boxes.push({ id, ...(saved[id] as Point), ...(sizes[id] as Size) });
  // New frames and outside nodes: a column in the free space right of everything placed.
  const right = Math.max(0, ...boxes.map((b) => b.x + b.width + GAP * 3));
  let y = Math.min(0, ...boxes.map((b) => b.y));
  for (const id of top.filter((t) => !saved[t])) {
    const size = sizes[id] as Size;
    boxes.push({ id, x: fresh ? 0 : right, y, ...size });
    y += size.height + GAP * 2;
  }
  separate(boxes, pinned);

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
