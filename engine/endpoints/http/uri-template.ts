/**
 * RFC 6570 expansion for HTTP endpoints (levels 1-3 plus lists of names),
 * reading variables such as `uri.var.id` and `query.param.q` from the message.
 * Undefined variables expand to nothing, as the RFC says.
 * `legacy-encoding:` keeps reserved characters as MI's legacy mode does.
 */

export type VariableSource = (name: string) => string | undefined;

const OPERATORS: Record<string, { first: string; sep: string; named: boolean; ifEmpty: string; allowReserved: boolean }> = {
  '': { first: '', sep: ',', named: false, ifEmpty: '', allowReserved: false },
  '+': { first: '', sep: ',', named: false, ifEmpty: '', allowReserved: true },
  '#': { first: '#', sep: ',', named: false, ifEmpty: '', allowReserved: true },
  '.': { first: '.', sep: '.', named: false, ifEmpty: '', allowReserved: false },
  '/': { first: '/', sep: '/', named: false, ifEmpty: '', allowReserved: false },
  ';': { first: ';', sep: ';', named: true, ifEmpty: '', allowReserved: false },
  '?': { first: '?', sep: '&', named: true, ifEmpty: '=', allowReserved: false },
  '&': { first: '&', sep: '&', named: true, ifEmpty: '=', allowReserved: false },
};

function encode(value: string, allowReserved: boolean): string {
  if (allowReserved) return encodeURI(value).replace(/%25([0-9A-Fa-f]{2})/g, '%$1');
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function expandUriTemplate(template: string, vars: VariableSource): string {
  let legacy = false;
  let t = template;
  if (t.startsWith('legacy-encoding:')) {
    legacy = true;
    t = t.slice('legacy-encoding:'.length);
  }
  return t.replace(/\{([^{}]+)\}/g, (_, expr: string) => {
    const opChar = /^[+#./;?&]/.test(expr) ? expr[0]! : '';
    const op = OPERATORS[opChar]!;
    const names = (opChar ? expr.slice(1) : expr).split(',').map((s) => s.trim());
    const parts: string[] = [];
    for (const raw of names) {
      const name = raw.replace(/\*$|:\d+$/, '');
      const value = vars(name);
      if (value === undefined) continue;
      // A variable holding a whole URL (uri-template="{uri.var.backend}") is substituted as a URL, as MI does.
      const wholeUrl = opChar === '' && /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
      const enc = legacy ? value : encode(value, op.allowReserved || wholeUrl);
      if (op.named) parts.push(value === '' ? `${name}${op.ifEmpty}` : `${name}=${enc}`);
      else parts.push(enc);
    }
    return parts.length ? op.first + parts.join(op.sep) : '';
  });
}
