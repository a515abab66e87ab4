import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/appPage';

/** The edge colours of the legend: allowed and blocked. */
const ALLOWED = [31, 157, 85] as const;
const BLOCKED = [214, 69, 69] as const;

interface Saved {
  fileName: string;
  bytes: Buffer;
}

/** Clicks an image button and returns the file the browser saved. */
async function save(page: Page, testId: 'canvas.png' | 'canvas.svg'): Promise<Saved> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { fileName: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

interface Counts {
  allowed: number;
  blocked: number;
}

/**
 * Decodes both pictures in the page, as a browser shows them, and counts the pixels
 * close to each edge colour that the edges add: the legend and the isolation badges
 * use the same colours, so the SVG with its edges taken out is counted as a baseline.
 * SVGs are drawn at twice their size, like the PNG export.
 */
async function edgePixels(page: Page, png: Saved, svg: Saved) {
  return page.evaluate(
    async ({ png64, svgText, colours }) => {
      const decode = async (src: string) => {
        const image = new Image();
        image.src = src;
        await image.decode();
        return image;
      };
      const count = async (src: string, scale: number) => {
        const image = await decode(src);
        const canvas = document.createElement('canvas');
        canvas.width = image.naturalWidth * scale;
        canvas.height = image.naturalHeight * scale;
        const context = canvas.getContext('2d');
        if (!context) throw new Error('no 2d context');
        context.drawImage(image, 0, 0, canvas.width, canvas.height);
        const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
        const counts = colours.map(() => 0);
        for (let i = 0; i < data.length; i += 4) {
          const [r, g, b] = [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0];
          colours.forEach(([cr, cg, cb], k) => {
            if (Math.abs(r - cr) + Math.abs(g - cg) + Math.abs(b - cb) <= 48)
              counts[k] = (counts[k] ?? 0) + 1;
          });
        }
        return {
          width: canvas.width,
          height: canvas.height,
          allowed: counts[0] ?? 0,
          blocked: counts[1] ?? 0,
        };
      };
      const svgUrl = (text: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
      const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
      doc.querySelectorAll('path[marker-end]').forEach((edge) => edge.remove());
      const base = await count(svgUrl(new XMLSerializer().serializeToString(doc)), 2);
      const fromSvg = await count(svgUrl(svgText), 2);
      const fromPng = await count(`data:image/png;base64,${png64}`, 1);
      const added = (c: Counts): Counts => ({
        allowed: c.allowed - base.allowed,
        blocked: c.blocked - base.blocked,
      });
      return {
        svg: added(fromSvg),
        png: added(fromPng),
        svgSize: [fromSvg.width, fromSvg.height],
        pngSize: [fromPng.width, fromPng.height],
      };
    },
    { png64: png.bytes.toString('base64'), svgText: svg.bytes.toString('utf8'), colours: [ALLOWED, BLOCKED] },
  );
}

/** Pod names whose `<text>` is missing from the SVG or drawn outside its viewBox. */
async function namesOutside(page: Page, svg: string, names: string[]): Promise<string[]> {
  return page.evaluate(
    ({ svg, names }) => {
      // Parsed as XML: a malformed file (an unescaped name, say) fails here.
      const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
      if (doc.querySelector('parsererror')) return ['the SVG is not well-formed XML'];
      const root = document.importNode(doc.documentElement, true) as unknown as SVGSVGElement;
      document.body.append(root);
      const [x = 0, y = 0, width = 0, height = 0] = (root.getAttribute('viewBox') ?? '')
        .split(' ')
        .map(Number);
      const texts = [...root.querySelectorAll('text')];
      const problems = names.flatMap((name) => {
        const text = texts.find((t) => t.textContent === name);
        if (!text) return [`${name}: no text`];
        const box = text.getBBox();
        const inside =
          box.x >= x && box.y >= y && box.x + box.width <= x + width && box.y + box.height <= y + height;
        return inside ? [] : [`${name}: outside the viewBox`];
      });
      root.remove();
      return problems;
    },
    { svg, names },
  );
}

test.describe('canvas pictures', () => {
  test('PNG and SVG show the edges in their colours, the names, and nothing else', async ({
    app,
    page,
  }, testInfo) => {
    await app.goto('/');
    await app.waitForEvaluation();
    // With a pod selected, its blocked connections are drawn too.
    await app.pod('shop/web').click();
    await expect(app.pod('shop/web')).toHaveClass(/selected/);
    await expect
      .poll(() => page.locator('.react-flow__edge[data-verdict="blocked"]:not(.dimmed)').count())
      .toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('.react-flow__edge[data-verdict="allowed"]:not(.dimmed)').count())
      .toBeGreaterThan(0);

    const png = await save(page, 'canvas.png');
    const svg = await save(page, 'canvas.svg');
    await mkdir('e2e-artifacts', { recursive: true });
    for (const [name, file] of [
      ['export.png', png],
      ['export.svg', svg],
    ] as const) {
      await writeFile(`e2e-artifacts/${name}`, file.bytes);
      await writeFile(testInfo.outputPath(name), file.bytes);
    }

    expect(png.fileName).toBe('demo-workspace.png');
    expect(svg.fileName).toBe('demo-workspace.svg');
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');

    const svgText = svg.bytes.toString('utf8');
    expect(svgText).not.toContain('foreignObject');
    expect(svg.bytes.length).toBeLessThan(500_000);
    expect(svgText).toContain('Demo workspace');

    const keys = await page
      .locator('.react-flow__node[data-pod]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-pod') ?? ''));
    const names = [...new Set(keys.map((key) => key.slice(key.indexOf('/') + 1)))];
    expect(names).toContain('web');
    expect(await namesOutside(page, svgText, names)).toEqual([]);

    const pixels = await edgePixels(page, png, svg);
    for (const [format, counts] of Object.entries({ svg: pixels.svg, png: pixels.png })) {
      expect(counts.allowed, `${format}: pixels of allowed edges`).toBeGreaterThan(50);
      expect(counts.blocked, `${format}: pixels of blocked edges`).toBeGreaterThan(50);
    }
    // The PNG is the SVG drawn at twice its size (crisp text), nothing cut and nothing moved.
    expect(pixels.pngSize).toEqual(pixels.svgSize);

    expect(app.consoleErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
    expect(await app.cspViolations()).toEqual([]);
  });
});
