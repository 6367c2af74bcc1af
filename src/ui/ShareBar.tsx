/**
 * Sharing: the canonical link (flushed to the address bar first), and the run as the same JSON
 * document `npm run lab -- '<query>'` prints (or its --csv traces). File names carry a hash of
 * the canonical query, so two downloads of the same experiment have the same name.
 */
import { useState } from 'react';
import { encodeQuery } from '../experiment/codec';
import { setView } from '../state/actions';
import { exportCurrent } from '../state/race-sync';
import { useStore } from '../state/store';
import { flushUrl, shareLink } from '../state/url-sync';
import { useGroup } from './controls/Group';
import { queryHash, saveText } from './export/download';

export { queryHash };

export function ShareBar() {
  const [busy, setBusy] = useState<'' | 'json' | 'csv'>('');
  const [message, setMessage] = useState('');
  const flash = (m: string) => {
    setMessage(m);
    setTimeout(() => setMessage((cur) => (cur === m ? '' : cur)), 2500);
  };

  async function copyLink() {
    flushUrl();
    // The page's own keys (classroom, sweep) travel with the experiment.
    const url = shareLink();
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
      saveText(name, text, format === 'json' ? 'application/json' : 'text/csv');
      flash(`Saved ${name}`);
    } finally {
      setBusy('');
    }
  }

  const { hidden, locked } = useGroup('share');
  return (
    <div className="share" role="group" aria-label="Share and export">
      {!hidden && (
        <>
          <button type="button" onClick={copyLink} disabled={locked}>
            Copy link
          </button>
          <button type="button" onClick={() => download('json')} disabled={locked || busy !== ''} aria-busy={busy === 'json'}>
            Download JSON
          </button>
          <button type="button" onClick={() => download('csv')} disabled={locked || busy !== ''} aria-busy={busy === 'csv'}>
            Download CSV
          </button>
        </>
      )}
      <button
        type="button"
        className="help-button"
        onClick={() => setView({ helpOpen: true })}
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
      >
        ?
      </button>
      <span className="share-message" aria-live="polite">
        {message}
      </span>
    </div>
  );
}
