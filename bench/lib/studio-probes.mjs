// Functions that run inside the studio page (Playwright serialises them, so each is
// self-contained: no imports, no closures). Times are performance.now() values, whose
// origin is the navigation start, so they line up with the Paint Timing entries.
// Selectors are the UI contract's data-testid attributes (the ones test/e2e drives).

/**
 * Init script: records when the explorer first lists `expected` artifacts (a MutationObserver
 * on the document from before the first byte of HTML), and when the frame after that ran
 * (two animation frames later, so the frame showing them has been produced).
 */
export function explorerProbe({ expected }) {
  const state = { explorerMs: undefined, explorerPaintedMs: undefined };
  window.__benchStudio = state;
  const observer = new MutationObserver(() => {
    if (state.explorerMs !== undefined || document.querySelectorAll('[data-testid=explorer-item]').length < expected) return;
    state.explorerMs = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => requestAnimationFrame(() => (state.explorerPaintedMs = performance.now())));
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** The page-load figures, in ms since the navigation started. */
export function readLoadTimings() {
  const paint = Object.fromEntries(performance.getEntriesByType('paint').map((e) => [e.name, e.startTime]));
  const nav = performance.getEntriesByType('navigation')[0];
  return {
    firstPaintMs: paint['first-paint'],
    firstContentfulPaintMs: paint['first-contentful-paint'],
    domContentLoadedMs: nav?.domContentLoadedEventEnd,
    loadEventMs: nav?.loadEventEnd,
    explorerMs: window.__benchStudio?.explorerMs,
    explorerPaintedMs: window.__benchStudio?.explorerPaintedMs,
  };
}

/** Resolves when the page has had an idle period (nothing queued), at most `timeoutMs` later. */
export function whenIdle({ timeoutMs }) {
  return new Promise((resolve) => requestIdleCallback(() => resolve(), { timeout: timeoutMs }));
}

/**
 * Clicks the Design view button of the open document and times, from the click, frame by
 * frame (one check per animation frame, so a long render delays the check as it delays what
 * the user sees):
 * - firstNodesMs: a mediator node is visible (React Flow shows a node once it is measured)
 *   inside the canvas; firstNodesPaintedMs: the next frame, which has painted it;
 * - modelMs: the toolbar reports the flow's size ("N mediators"), i.e. the whole flow model
 *   arrived and was laid out;
 * - allInDomMs: every mediator had a node element (large flows keep only what is on screen,
 *   so this may be brief or never happen); maxNodesInDom, and nodesInDom once settled;
 * - interactiveMs: the end of the last long task (> 50 ms) before `quietMs` without one,
 *   counted from when the first nodes were painted (the main thread is free for input).
 */
export async function timedDesignSwitch({ expected, quietMs, timeoutMs }) {
  const out = { firstNodesMs: undefined, firstNodesPaintedMs: undefined, modelMs: undefined, reportedSize: undefined, allInDomMs: undefined, nodesInDom: 0, maxNodesInDom: 0, interactiveMs: undefined, longTasks: 0, longTaskMs: 0 };
  let lastLongTaskEnd = 0;
  let observer;
  try {
    observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        out.longTasks++;
        out.longTaskMs += e.duration;
        lastLongTaskEnd = Math.max(lastLongTaskEnd, e.startTime + e.duration);
      }
    });
    observer.observe({ type: 'longtask' });
  } catch {
    observer = undefined; // no Long Tasks API: interactiveMs stays undefined
  }
  const button = document.querySelector('[data-testid=view-design]');
  if (!button) throw new Error('no [data-testid=view-design] button: is a designable document open?');
  const t0 = performance.now();
  button.click();
  const nodeVisible = (nodes, area) =>
    nodes.some((n) => {
      const r = n.getBoundingClientRect();
      const wrapper = n.closest('.react-flow__node') ?? n;
      return r.width > 0 && r.height > 0 && r.right > area.left && r.left < area.right && r.bottom > area.top && r.top < area.bottom && getComputedStyle(wrapper).visibility !== 'hidden';
    });
  await new Promise((resolve, reject) => {
    const frame = () => {
      const now = performance.now();
      if (now - t0 > timeoutMs) return reject(new Error(`the canvas did not settle within ${timeoutMs} ms: ${JSON.stringify(out)}`));
      const view = document.querySelector('[data-testid=design-view]');
      const canvas = document.querySelector('[data-testid=design-canvas]');
      const nodes = [...document.querySelectorAll('[data-testid=flow-node]')];
      out.nodesInDom = nodes.length;
      out.maxNodesInDom = Math.max(out.maxNodesInDom, nodes.length);
      if (out.firstNodesMs !== undefined && out.firstNodesPaintedMs === undefined) out.firstNodesPaintedMs = now - t0;
      if (out.firstNodesMs === undefined && canvas && nodeVisible(nodes, canvas.getBoundingClientRect())) out.firstNodesMs = now - t0;
      if (out.modelMs === undefined) {
        const size = /(\d+) mediators?/.exec(view?.textContent ?? '');
        if (size) {
          out.modelMs = now - t0;
          out.reportedSize = Number(size[1]);
        }
      }
      if (out.allInDomMs === undefined && nodes.length >= expected) out.allInDomMs = now - t0;
      const since = Math.max(lastLongTaskEnd, t0 + (out.firstNodesPaintedMs ?? Infinity));
      if (out.firstNodesPaintedMs !== undefined && out.modelMs !== undefined && (!observer || now - since >= quietMs)) {
        out.interactiveMs = observer ? since - t0 : undefined;
        return resolve();
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  observer?.disconnect();
  return out;
}
