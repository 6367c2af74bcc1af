/**
 * Saving a file from the page (every download of the app goes through here), and the short stable
 * name part that ties a file to its experiment.
 */

/** FNV-1a, 32 bit, as 8 hex digits: a short stable name for a query. */
export function queryHash(q: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < q.length; i++) {
    h ^= q.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Saves `blob` as a download called `name` (a temporary link; the object URL is released after). */
export function saveBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later, not now: the browser reads the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const saveText = (name: string, text: string, type: string): void => saveBlob(name, new Blob([text], { type }));

/**
 * A panel's export file name: `em-lab-<panel>-seed<data seed>-<hash>.<ext>`, where the hash is the
 * one Download JSON/CSV use for the same moment (query with cursor), so a figure and its data pair up.
 */
export function figureFileName(panel: string, seed: number, query: string, ext: string): string {
  const slug =
    panel
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'panel';
  return `em-lab-${slug}-seed${seed}-${queryHash(query)}.${ext}`;
}
