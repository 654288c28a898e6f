/**
 * Fuzzing the uri-template matcher: a path built from a template and values matches it and
 * gives those values back; any template against any request path (long ones included)
 * answers without throwing, and without hanging (vitest's test time-out bounds each run).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParameters } from '../../test/support/fuzz.js';
import { compileUriTemplate } from './uri-template-match.js';

const literal = fc.constantFrom('/orders', '/items/', '/', '/v1', '.json', '-', '/a/b', 'x');
/** Values a `{var}` may hold once encoded: anything, percent-encoded as a client would. */
const value = fc.string({ unit: fc.oneof(fc.constantFrom(...'abcXYZ019-_~.'), fc.constantFrom(' ', 'é', '/', '?', '%', '+', '&', ':')), minLength: 1, maxLength: 8 });

/** Templates whose parts cannot be confused: each variable ends where a `/` literal starts, or at the end. */
const unambiguous = fc
  .array(fc.tuple(fc.constantFrom('/orders', '/v1', '/items', '/x.y'), fc.option(fc.constantFrom('', '+'), { nil: undefined }), value), { minLength: 1, maxLength: 4 })
  .map((parts) => {
    let template = '';
    let path = '';
    const expected: Record<string, string> = {};
    parts.forEach(([lit, op, v], k) => {
      template += lit;
      path += lit;
      // A `{+var}` may hold `/`, so only the last part may be one.
      if (op === undefined || (op === '+' && k !== parts.length - 1)) return;
      const name = `v${k}`;
      template += `/{${op}${name}}`;
      const encoded = op === '+' ? encodeURI(v).replace(/[?#]/g, encodeURIComponent) : encodeURIComponent(v);
      path += `/${encoded}`;
      expected[name] = v;
    });
    return { template, path, expected };
  });

const anyTemplate = fc
  .array(fc.oneof(literal, fc.constantFrom('{a}', '{b}', '{+c}', '{#d}', '{/e}', '{.f}', '{', '}', '{}', '{+}', '?q={q}', '&r=1')), { maxLength: 6 })
  .map((parts) => '/' + parts.join(''));
const anyPath = fc.oneof(
  fc.string({ unit: fc.constantFrom('/', 'a', 'b', '.', '-', '%', '%2F', '%E9', '?', '&', '=', 'x', 'orders', ':', '@'), maxLength: 30 }).map((p) => '/' + p),
  fc.tuple(fc.constantFrom('a', 'ab', '/a', '.a', 'a-'), fc.integer({ min: 100, max: 4000 }), fc.constantFrom('', 'q', '/')).map(([unit, n, tail]) => '/' + unit.repeat(n) + tail),
);

describe('uri-template matching under fuzzing', () => {
  it('matches a path made from a template and gives the values back', () => {
    fc.assert(
      fc.property(unambiguous, ({ template, path, expected }) => {
        expect(compileUriTemplate(template).match(path)).toEqual(expected);
      }),
      fuzzParameters(500),
    );
  });

  it('answers any template and any request path without throwing', () => {
    fc.assert(
      fc.property(anyTemplate, anyPath, (template, path) => {
        const result = compileUriTemplate(template).match(path);
        if (result !== undefined) for (const v of Object.values(result)) expect(typeof v).toBe('string');
      }),
      fuzzParameters(1500),
    );
  });

  // Found by fuzzing: adjacent variables made the matcher backtrack polynomially (an 8 KB path
  // against `/{a}{b}{c}z` took minutes, blocking every other request of the engine). Before the
  // fix each of these ran past the test's time-out; now each is one linear pass.
  it.each(['/{a}{b}{c}z', '/{+a}{+b}{+c}x', '/{a}{+b}{c}.json', '/{a}-{b}-{c}-{d}q'])('matches %s against an 8 KB path that does not fit, without backtracking', (template) => {
    const compiled = compileUriTemplate(template);
    for (const unit of ['a', 'a-', 'a.']) expect(compiled.match('/' + unit.repeat(8000 / unit.length))).toBeUndefined();
  });

  it('keeps MI\'s reading of variables followed by literals', () => {
    expect(compileUriTemplate('/{id}.json').match('/42.json')).toEqual({ id: '42' });
    // `{a}` stops at the first `-` (the next literal's first character); the last variable runs to the end.
    expect(compileUriTemplate('/{a}-{b}').match('/x-y-z')).toEqual({ a: 'x', b: 'y-z' });
    expect(compileUriTemplate('/files/{+path}').match('/files/a/b/c.txt')).toEqual({ path: 'a/b/c.txt' });
  });
});
