/**
 * Java regular expressions as filter/switch use them: `Matcher.matches()`
 * semantics (the whole text must match), with the leading inline flags Java
 * allows (`(?i)`, `(?s)`, `(?m)`, `(?x)` is not supported) turned into JS flags.
 */
export interface JavaRegex {
  readonly source: string;
  matches(text: string): boolean;
}

/** Compiles `source`; returns the error text instead when JS cannot express it. */
export function compileJavaRegex(source: string): JavaRegex | { error: string } {
  let body = source;
  let flags = 'u';
  const lead = /^\(\?([imsu]+)\)/.exec(body);
  if (lead) {
    body = body.slice(lead[0].length);
    for (const f of lead[1]!) if (f !== 'u' && !flags.includes(f)) flags += f;
  }
  // Java's possessive/atomic constructs and \A \Z anchors have close JS forms only for anchors.
  body = body.replace(/\\A/g, '^').replace(/\\[zZ]/g, '$');
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${body})$`, flags);
  } catch (e) {
    try {
      // Without the u flag JS accepts Java escapes such as \- or \_ outside classes.
      re = new RegExp(`^(?:${body})$`, flags.replace('u', ''));
    } catch {
      return { error: (e as Error).message };
    }
  }
  return { source, matches: (text: string) => re.test(text) };
}
