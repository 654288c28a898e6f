/** Java SimpleDateFormat patterns as MoveTimestampFormat uses them (y M d H h m s S a, quoted text). */
export function formatJavaDate(pattern: string, d: Date): string {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  let out = '';
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i]!;
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      out += end < 0 ? pattern.slice(i + 1) : pattern.slice(i + 1, end) || "'";
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === c) n++;
    i += n;
    switch (c) {
      case 'y':
        out += n === 2 ? pad(d.getFullYear() % 100, 2) : pad(d.getFullYear(), n);
        break;
      case 'M':
        out += pad(d.getMonth() + 1, n);
        break;
      case 'd':
        out += pad(d.getDate(), n);
        break;
      case 'H':
        out += pad(d.getHours(), n);
        break;
      case 'h':
        out += pad(d.getHours() % 12 || 12, n);
        break;
      case 'm':
        out += pad(d.getMinutes(), n);
        break;
      case 's':
        out += pad(d.getSeconds(), n);
        break;
      case 'S':
        out += pad(d.getMilliseconds(), n);
        break;
      case 'a':
        out += d.getHours() < 12 ? 'AM' : 'PM';
        break;
      default:
        out += c.repeat(n);
    }
  }
  return out;
}
