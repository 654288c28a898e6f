/**
 * Monaco cancels provider requests it no longer needs (a newer keystroke, a
 * second Ctrl+.), and some of its internal paths leak that cancellation as an
 * unhandled promise rejection `Canceled: Canceled` (a known Monaco issue; the
 * editor itself ignores these). Swallow exactly that signature so the console
 * shows real errors only; anything else passes through untouched.
 */
let installed = false;

export function quietMonacoCancellation(): void {
  if (installed) return;
  installed = true;
  window.addEventListener('unhandledrejection', (event) => {
    const reason = event.reason as { name?: unknown; message?: unknown } | undefined;
    if (reason?.name === 'Canceled' && reason.message === 'Canceled') event.preventDefault();
  });
}
