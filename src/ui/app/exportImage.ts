/**
 * The canvas as a picture: every node in view, at a size that fits them, as PNG or SVG
 * (html-to-image renders the React Flow viewport; nothing leaves the browser).
 */
import { getViewportForBounds } from '@xyflow/react';
import type { Rect } from '@xyflow/react';
import { toPng, toSvg } from 'html-to-image';

/** A data URL of the canvas picture; `bounds` are the nodes' bounds in flow coordinates. */
export async function exportCanvasImage(bounds: Rect, format: 'png' | 'svg', dark: boolean): Promise<string> {
  const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
  if (!viewport) throw new Error('the canvas is not shown');
  const width = Math.min(4000, Math.max(800, Math.ceil(bounds.width + 80)));
  const height = Math.min(4000, Math.max(600, Math.ceil(bounds.height + 80)));
  const { x, y, zoom } = getViewportForBounds(bounds, width, height, 0.2, 2, 0.05);
  const options = {
    backgroundColor: dark ? '#12161f' : '#f6f7f9',
    width,
    height,
    style: {
      width: `${width}px`,
      height: `${height}px`,
      transform: `translate(${x}px, ${y}px) scale(${zoom})`,
    },
  };
  return format === 'png' ? toPng(viewport, options) : toSvg(viewport, options);
}
