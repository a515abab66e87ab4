/**
 * Share links that carry the whole workspace in the URL fragment, compressed with the
 * browser's own CompressionStream (deflate-raw) and base64url-encoded. The fragment is
 * never sent to any server, so sharing sends nothing anywhere.
 */

/** Links longer than this are refused: chat tools and browsers truncate long URLs. */
export const MAX_LINK_LENGTH = 64_000;

export interface SharedState {
  text: string;
  /** A lesson and the step shown, when the link was made during a lesson. */
  lesson?: { id: string; step: number };
}

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

/** The state in a fragment, or null when there is none; a broken link gives an error message. */
export async function decodeShare(hash: string): Promise<SharedState | { error: string } | null> {
  const match = /^#share=([A-Za-z0-9_-]+)$/.exec(hash);
  if (!match?.[1]) return null;
  try {
    const bytes = await pipe(fromBase64Url(match[1]), new DecompressionStream('deflate-raw'));
    const parsed = JSON.parse(new TextDecoder().decode(bytes)) as Partial<SharedState>;
    if (typeof parsed.text !== 'string') return { error: 'The shared link holds no workspace.' };
    return parsed.lesson ? { text: parsed.text, lesson: parsed.lesson } : { text: parsed.text };
  } catch {
    return { error: 'The shared link is damaged (it may have been cut short): nothing was loaded.' };
  }
}
