/**
 * Sharing: the canonical link (flushed to the address bar first), and the run as the same JSON
 * document `npm run lab -- '<query>'` prints (or its --csv traces). File names carry a hash of
 * the canonical query, so two downloads of the same experiment have the same name.
 */
import { useState } from 'react';
import { encodeQuery, shareUrl } from '../experiment/codec';
import { setView } from '../state/actions';
import { exportCurrent } from '../state/race-sync';
import { useStore } from '../state/store';
import { flushUrl } from '../state/url-sync';

/** FNV-1a, 32 bit, as 8 hex digits: a short stable name for a query. */
export function queryHash(q: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < q.length; i++) {
    h ^= q.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function saveFile(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ShareBar() {
  const [busy, setBusy] = useState<'' | 'json' | 'csv'>('');
  const [message, setMessage] = useState('');
  const flash = (m: string) => {
    setMessage(m);
    setTimeout(() => setMessage((cur) => (cur === m ? '' : cur)), 2500);
  };

  async function copyLink() {
    flushUrl();
    const url = shareUrl(useStore.getState().config, location.href);
    try {
      await navigator.clipboard.writeText(url);
      flash('Copied');
    } catch {
      // No clipboard permission: the address bar holds the same link.
      flash('Copy failed: the address bar has the link');
    }
  }

  async function download(format: 'json' | 'csv') {
    setBusy(format);
    // The document holds every method's whole trace: the worker may still have to finish the race.
    setMessage('Finishing the race…');
    try {
      const text = await exportCurrent(format);
      if (text === null) {
        flash('Settings changed while exporting; try again');
        return;
      }
      const name = `em-lab-${queryHash(encodeQuery(useStore.getState().config))}.${format}`;
      saveFile(name, text, format === 'json' ? 'application/json' : 'text/csv');
      flash(`Saved ${name}`);
    } finally {
      setBusy('');
    }
  }

  return (
    <div className="share" role="group" aria-label="Share and export">
      <button type="button" onClick={copyLink}>
        Copy link
      </button>
      <button type="button" onClick={() => download('json')} disabled={busy !== ''} aria-busy={busy === 'json'}>
        Download JSON
      </button>
      <button type="button" onClick={() => download('csv')} disabled={busy !== ''} aria-busy={busy === 'csv'}>
        Download CSV
      </button>
      <button type="button" className="help-button" onClick={() => setView({ helpOpen: true })} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
        ?
      </button>
      <span className="share-message" aria-live="polite">
        {message}
      </span>
    </div>
  );
}
