/**
 * The PNG and SVG buttons: the canvas as a picture we draw ourselves, saved under the
 * workspace's name. Everything happens in the browser; nothing is uploaded.
 */
import { downloadText, downloadUrl } from '../../app/download';
import type { FlowReader, PictureHeading } from './pictureFromFlow';
import { pictureFromFlow } from './pictureFromFlow';
import { rasteriseSvg } from './rasterise';
import { renderPictureSvg } from './renderPictureSvg';

/** A file name from a workspace name: "Demo workspace" -> "demo-workspace". */
export function fileSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'netpol-canvas';
}

/** Draws what the canvas shows and downloads it as `<workspace-slug>.png` or `.svg`. */
export async function savePicture(
  flow: FlowReader,
  format: 'png' | 'svg',
  heading: PictureHeading,
): Promise<void> {
  const svg = renderPictureSvg(pictureFromFlow(flow, heading));
  const fileName = `${fileSlug(heading.title)}.${format}`;
  if (format === 'svg') downloadText(fileName, svg, 'image/svg+xml');
  else downloadUrl(fileName, await rasteriseSvg(svg));
}
