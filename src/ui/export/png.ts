/**
 * An SVG snapshot rasterised to PNG by the browser itself: the SVG is loaded as an image from a
 * Blob URL and drawn onto a canvas `scale` times its size (2: sharp on high-density screens and in
 * print at the figure's size).
 */
import { addPngText } from './png-text';

export async function svgToPng(svg: string, width: number, height: number, scale = 2, text: Record<string, string> = {}): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = await loadImage(url);
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas is available');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!png) throw new Error(`the ${canvas.width}×${canvas.height} image is too large to encode`);
    return new Blob([addPngText(new Uint8Array(await png.arrayBuffer()), text)], { type: 'image/png' });
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Resolves once the image has loaded (load/error events: `decode()` is unreliable for SVG in some browsers). */
function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the browser could not read the SVG snapshot'));
    img.src = url;
  });
}
