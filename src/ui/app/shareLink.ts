/**
 * Share links that carry the whole workspace in the URL fragment, compressed with the
 * browser's own CompressionStream (deflate-raw) and base64url-encoded. The fragment is
 * never sent to any server, so sharing sends nothing anywhere.
 */
import type { SharedState } from '../../store/appStore';

export type { SharedState };

/** Links longer than this are refused: chat tools and browsers truncate long URLs. */
export const MAX_LINK_LENGTH = 64_000;

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The fragment (`#share=...`) for a state. */
export async function encodeShare(state: SharedState): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(state));
  return `#share=${toBase64Url(await pipe(json, new CompressionStream('deflate-raw')))}`;
}

/**
 * The state in a fragment, or null when it is not a share link; a broken link gives an
 * error message. A lesson reference is passed on only when it names a lesson (`id` a
 * string); its `step` is whatever the link says, checked against the lesson by the store.
 */
export async function decodeShare(hash: string): Promise<SharedState | { error: string } | null> {
  if (!hash.startsWith('#share=')) return null;
  let body = hash.slice('#share='.length);
  try {
    // Some tools percent-encode what they pass on.
    body = decodeURIComponent(body);
  } catch {
    // Left as it is: the check below reports it.
  }
  if (!/^[A-Za-z0-9_-]+$/.test(body)) {
    return {
      error:
        body === ''
          ? 'The shared link is empty after “#share=” (it was cut short): nothing was loaded.'
          : 'The shared link is damaged (it holds characters a share link never has; a chat tool may have changed it): nothing was loaded.',
    };
  }
  try {
    const bytes = await pipe(fromBase64Url(body), new DecompressionStream('deflate-raw'));
    const parsed = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    if (typeof parsed.text !== 'string') return { error: 'The shared link holds no workspace.' };
    const lesson = parsed.lesson as Record<string, unknown> | undefined;
    return typeof lesson?.id === 'string'
      ? { text: parsed.text, lesson: { id: lesson.id, step: lesson.step as number } }
      : { text: parsed.text };
  } catch {
    return { error: 'The shared link is damaged (it may have been cut short): nothing was loaded.' };
  }
}
