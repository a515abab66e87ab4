import { useEffect, useState } from 'react';
import { encodeShare, MAX_LINK_LENGTH } from './shareLink';
import { downloadText } from './download';
import { useAppStoreApi } from './storeContext';
import { useEscapeKey } from './useEscapeKey';

/** The share link of the current workspace (all of it in the URL fragment), or why there is none. */
export function ShareDialog({
  onClose,
  lesson,
}: {
  onClose: () => void;
  lesson?: { id: string; step: number };
}) {
  useEscapeKey(onClose);
  const store = useAppStoreApi();
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const text = store.getState().text;
  useEffect(() => {
    let live = true;
    void encodeShare(lesson ? { text, lesson } : { text }).then((hash) => {
      if (live) setLink(`${window.location.origin}${window.location.pathname}${hash}`);
    });
    return () => {
      live = false;
    };
  }, [text, lesson]);
  const tooLong = link !== null && link.length > MAX_LINK_LENGTH;
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog wide"
        role="dialog"
        aria-modal="true"
        aria-labelledby="share-title"
        data-testid="share.dialog"
      >
        <h2 id="share-title">Share this workspace</h2>
        {link === null ? (
          <p>Compressing…</p>
        ) : tooLong ? (
          <p data-testid="share.too-large">
            This workspace is too large for a link ({Math.round(link.length / 1024)} KB; links stop at{' '}
            {MAX_LINK_LENGTH / 1000} KB). Download it as a file and share the file instead.
          </p>
        ) : (
          <>
            <p>
              The whole workspace is inside the link, after the <code>#</code>: opening it sends nothing to
              any server.
            </p>
            <input
              className="share-link"
              readOnly
              value={link}
              onFocus={(e) => e.target.select()}
              data-testid="share.link"
            />
          </>
        )}
        <div className="dialog-actions">
          {link !== null && !tooLong && (
            <button
              type="button"
              onClick={() => void navigator.clipboard.writeText(link).then(() => setCopied(true))}
              data-testid="share.copy"
            >
              {copied ? 'Copied' : 'Copy link'}
            </button>
          )}
          <button
            type="button"
            className={tooLong ? '' : 'secondary'}
            onClick={() => downloadText('workspace.yaml', text)}
          >
            Download file
          </button>
          <button type="button" className="secondary" onClick={onClose} data-testid="share.close">
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
