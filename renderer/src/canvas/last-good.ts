/**
 * Per document, the last text the backend found well-formed (it answered with a
 * syntax tree), whichever view was open when it was typed. The Design view draws
 * from it when it opens on a document that is malformed by then, so its banner's
 * "the canvas shows the last good version" is true even if Design was not shown
 * while the document was still good. Fed by the language bridge (every edit's
 * answer) and by the Design view (every flow it draws).
 */
const lastGood = new Map<string, string>();

export function rememberWellFormed(path: string, text: string): void {
  lastGood.set(path, text);
}

export function lastWellFormed(path: string): string | undefined {
  return lastGood.get(path);
}

/** The document was closed: a later open starts from its text on disk. */
export function forgetDocument(path: string): void {
  lastGood.delete(path);
}
