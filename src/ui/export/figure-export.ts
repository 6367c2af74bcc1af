/**
 * Exporting one panel: its SVG snapshot saved as is, or rasterised to PNG at 2× — both carrying
 * the provenance of the experiment on screen (the SVG in <metadata>, the PNG in tEXt chunks).
 */
import { encodeQuery } from '../../experiment/codec';
import { provenance } from '../../experiment/provenance';
import { useStore } from '../../state/store';
import { figureFileName, saveBlob, saveText } from './download';
import { svgToPng } from './png';
import { snapshotFigure } from './svg-snapshot';

export const FIGURE_SCHEMA = 'em-lab/figure@1';
export type FigureFormat = 'svg' | 'png';
/** PNG pixels per CSS pixel of the figure. */
export const PNG_SCALE = 2;

/** Saves the panel `figure` (named `name`) as a file; returns the file name. Throws with a reason. */
export async function exportFigure(figure: HTMLElement, name: string, format: FigureFormat): Promise<string> {
  const { config } = useStore.getState();
  const prov = provenance(FIGURE_SCHEMA, config);
  const snapshot = snapshotFigure(figure, name, prov);
  const file = figureFileName(name, config.seed, encodeQuery(config), format);
  if (format === 'svg') saveText(file, snapshot.svg, 'image/svg+xml');
  else {
    const text = { Title: name, Software: `EM Lab ${prov.app}`, Comment: JSON.stringify({ ...prov, panel: name }) };
    saveBlob(file, await svgToPng(snapshot.svg, snapshot.width, snapshot.height, PNG_SCALE, text));
  }
  return file;
}
