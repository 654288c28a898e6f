// The report's studio section: the first load of the sample project and the canvas of a
// generated flow, as min / median / max over the samples, with the cold (first) sample apart.
import { median, spread } from './stats.mjs';

const ms = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a');

function row(label, samples, cold, key) {
  const s = spread(samples, key);
  return s ? `| ${label} | ${ms(s.median)} | ${ms(s.min)} | ${ms(s.max)} | ${s.n} | ${ms(cold?.[key])} |` : `| ${label} | n/a | | | 0 | ${ms(cold?.[key])} |`;
}

export function studioSection(studio) {
  const { firstLoad: load, canvas } = studio;
  const all = [load.cold, ...load.samples, canvas.cold, ...canvas.samples];
  const foreign = all.map((s) => s.foreignCores);
  const settled = canvas.samples.map((s) => s.nodesInDom);
  const out = ['## Studio', ''];
  out.push(
    `\`mediate studio --browser\` (its own process) driven by playwright-core in ${studio.browser}. Every sample is a fresh browser context (empty cache) on a running studio; the first sample of each kind (server caches empty, Chromium's first renderer) is the cold column and is left out of the medians. Nothing is pinned. Times in ms.`,
    '',
  );
  out.push('| measurement | median | min | max | n | cold |', '|---|---:|---:|---:|---:|---:|');
  out.push(`| **sample project (${load.expectedItems} artifacts), ms since navigation start** | | | | | |`);
  out.push(row('first paint', load.samples, load.cold, 'firstPaintMs'));
  out.push(row('first contentful paint', load.samples, load.cold, 'firstContentfulPaintMs'));
  out.push(row('DOMContentLoaded', load.samples, load.cold, 'domContentLoadedMs'));
  out.push(row('explorer lists every artifact', load.samples, load.cold, 'explorerMs'));
  out.push(row('… and that frame is painted', load.samples, load.cold, 'explorerPaintedMs'));
  out.push(`| **${canvas.flowSize}-mediator sequence (filter and switch branches), ms since the click on Design** | | | | | |`);
  out.push(row('first nodes visible on the canvas', canvas.samples, canvas.cold, 'firstNodesMs'));
  out.push(row('… painted (next frame)', canvas.samples, canvas.cold, 'firstNodesPaintedMs'));
  out.push(row(`whole flow model laid out ("${canvas.flowSize} mediators" shown)`, canvas.samples, canvas.cold, 'modelMs'));
  out.push(row('interactive (no long task for 1 s afterwards)', canvas.samples, canvas.cold, 'interactiveMs'));
  out.push(row(`every one of the ${canvas.flowSize} node elements in the DOM`, canvas.samples, canvas.cold, 'allInDomMs'));
  out.push(row('main thread blocked (sum of long tasks)', canvas.samples, canvas.cold, 'longTaskMs'));
  out.push('');
  out.push(
    `- Node elements in the DOM once the canvas settled: ${settled.length ? `${Math.min(...settled)}–${Math.max(...settled)}` : 'n/a'} of ${canvas.flowSize} (large flows render only what is on screen; at most ${Math.max(0, ...canvas.samples.map((s) => s.maxNodesInDom))} existed at once while it loaded).`,
  );
  out.push(`- CPU used by other processes during the studio samples: median ${median(foreign).toFixed(2)} cores, max ${Math.max(...foreign).toFixed(2)}; ${all.filter((s) => s.attempt > 1).length} sample(s) kept from a repeat after a disturbed attempt.`);
  out.push('');
  return out;
}
