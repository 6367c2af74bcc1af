/**
 * The figure of docs/methods.md, "Between EM and gradient": median E-steps against separation, one
 * panel per sweep document (`npm run lab -- sweep …` JSON), written as a standalone SVG. A median above
 * the E-step cap (more than half the runs censored) is a hollow triangle on the cap line.
 *
 *   node scripts/run-ts.mjs bench/accel-figure.ts out.svg sweep-1d.json [sweep-2d.json …]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { methodLabel, type MethodId } from '../src/engine/methods/registry';
import type { SweepDocument } from '../src/experiment/sweep/document';
import { METHOD_STYLE } from '../src/ui/palette';

const [out, ...inputs] = process.argv.slice(2);
if (!out || inputs.length === 0) {
  console.error('usage: node scripts/run-ts.mjs bench/accel-figure.ts out.svg sweep.json [sweep.json …]');
  process.exit(2);
}
const docs = inputs.map((f) => JSON.parse(readFileSync(f, 'utf8')) as SweepDocument);

const W = 440;
const H = 330;
const M = { left: 56, right: 12, top: 30, bottom: 40 };
const LEGEND = 240;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const parts: string[] = [];
const width = W * docs.length + LEGEND;

docs.forEach((doc, di) => {
  const x0 = di * W;
  const { cap } = doc.spec;
  const seps = doc.separations;
  const [xmin, xmax] = [seps[0], seps[seps.length - 1]];
  const [ymin, ymax] = [5, cap * 1.6];
  const px = (s: number) => x0 + M.left + ((s - xmin) / (xmax - xmin)) * (W - M.left - M.right);
  const py = (v: number) => M.top + (1 - Math.log(v / ymin) / Math.log(ymax / ymin)) * (H - M.top - M.bottom);
  // axes and grid
  for (const v of [10, 100, 1000, 10000].filter((v) => v <= ymax)) {
    parts.push(`<line x1="${px(xmin)}" x2="${px(xmax)}" y1="${py(v)}" y2="${py(v)}" stroke="#ddd"/>`);
    parts.push(`<text x="${px(xmin) - 6}" y="${py(v) + 4}" text-anchor="end">${v}</text>`);
  }
  parts.push(`<line x1="${px(xmin)}" x2="${px(xmax)}" y1="${py(cap)}" y2="${py(cap)}" stroke="#888" stroke-dasharray="2 3"/>`);
  parts.push(`<text x="${px(xmax)}" y="${py(cap) - 4}" text-anchor="end" fill="#666">cap ${cap}</text>`);
  for (const s of seps) parts.push(`<text x="${px(s)}" y="${H - M.bottom + 16}" text-anchor="middle">${s}</text>`);
  parts.push(`<text x="${(px(xmin) + px(xmax)) / 2}" y="${H - 6}" text-anchor="middle">separation (σ)</text>`);
  parts.push(
    `<text transform="translate(${x0 + 14},${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">median E-steps to gap &lt; ${doc.spec.tol}</text>`,
  );
  const reps = doc.seeds.data.length;
  parts.push(
    `<text x="${(px(xmin) + px(xmax)) / 2}" y="18" text-anchor="middle" font-weight="bold">${doc.experiment.dim}D, N = ${doc.spec.n}, ${reps} data sets per separation</text>`,
  );
  parts.push(
    `<rect x="${px(xmin)}" y="${M.top}" width="${px(xmax) - px(xmin)}" height="${H - M.top - M.bottom}" fill="none" stroke="#444"/>`,
  );
  for (const method of doc.spec.methods) {
    const st = METHOD_STYLE[method];
    const pts = seps.map((s) => {
      const cell = doc.cells.find((c) => c.sep === s && c.method === method)!;
      const med = cell.stats.median;
      return { x: px(s), y: py(med ?? cap), censored: med === null };
    });
    const path = pts.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join('');
    parts.push(`<path d="${path}" fill="none" stroke="${st.colour}" stroke-width="1.8" stroke-dasharray="${st.dash}"/>`);
    for (const p of pts) {
      parts.push(
        p.censored
          ? `<path d="M${p.x},${p.y - 5}L${p.x + 4.5},${p.y + 3}L${p.x - 4.5},${p.y + 3}Z" fill="white" stroke="${st.colour}" stroke-width="1.5"/>`
          : `<circle cx="${p.x}" cy="${p.y}" r="2.6" fill="${st.colour}"/>`,
      );
    }
  }
});

const methods = [...new Set(docs.flatMap((d) => d.spec.methods))] as MethodId[];
const eta = docs[0].experiment.eta ?? 1.5;
methods.forEach((m, i) => {
  const st = METHOD_STYLE[m];
  const y = M.top + 10 + i * 20;
  const x = W * docs.length + 8;
  parts.push(`<line x1="${x}" x2="${x + 26}" y1="${y}" y2="${y}" stroke="${st.colour}" stroke-width="2" stroke-dasharray="${st.dash}"/>`);
  parts.push(`<text x="${x + 32}" y="${y + 4}">${esc(m === 'relax' ? `${methodLabel(m)} (η = ${eta})` : methodLabel(m))}</text>`);
});
const yNote = M.top + 10 + methods.length * 20 + 10;
parts.push(`<path d="M${W * docs.length + 21},${yNote - 5}l4.5,8h-9z" fill="white" stroke="#444" stroke-width="1.5"/>`);
parts.push(`<text x="${W * docs.length + 40}" y="${yNote + 3}">median above the cap</text>`);

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${H}" viewBox="0 0 ${width} ${H}" font-family="system-ui, sans-serif" font-size="11">
<rect width="100%" height="100%" fill="white"/>
${parts.join('\n')}
</svg>
`;
writeFileSync(out, svg);
console.error(`wrote ${out} (${methods.length} methods, ${docs.length} panels)`);
