/**
 * SVG text to a PNG, in the browser: the SVG is loaded as an image from a `data:` URL
 * (nothing is fetched; a standalone SVG without foreignObject never taints the canvas)
 * and drawn on a canvas at twice its size, so that text stays crisp when zoomed.
 */

/** Browsers refuse (or crawl on) larger canvases; a picture this wide is scaled down. */
export const MAX_SIDE = 8000;

/** The picture's size in CSS pixels, from its root element's `width` and `height`. */
export function svgSize(svg: string): { width: number; height: number } | null {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1]);
  return width > 0 && height > 0 ? { width, height } : null;
}

/** The scale to draw at: `wanted`, unless that would make a side longer than `MAX_SIDE`. */
export function rasterScale(width: number, height: number, wanted = 2): number {
  return Math.min(wanted, MAX_SIDE / width, MAX_SIDE / height);
}

/** A PNG data URL of `svg`, drawn at `scale` (2 by default, capped at MAX_SIDE pixels a side). */
export async function rasteriseSvg(svg: string, scale = 2): Promise<string> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const size = svgSize(svg) ?? { width: image.naturalWidth, height: image.naturalHeight };
  const factor = rasterScale(size.width, size.height, scale);
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(size.width * factor));
  canvas.height = Math.max(1, Math.round(size.height * factor));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser cannot draw on a canvas');
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/png');
}
