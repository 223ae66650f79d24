// HTML -> plain text for assistant output. Intercom bodies are untrusted HTML, so this is a small,
// dependency-free, single-pass converter: every index only moves forward (linear time) and it never throws.

// Invisible, bidirectional-override and control characters that could hide or reorder text (Trojan-Source
// style) or corrupt the output: C0 except \t \n, DEL, C1, soft hyphen, Arabic letter mark, Mongolian vowel
// separator, zero-width/bidi marks, line/paragraph separators, bidi embeddings/isolates, word joiners, BOM.
const UNSAFE_CHARS =
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** Strips invisible, bidi-control and control characters (keeps \n and \t; \u2028/\u2029 become \n). */
export function cleanText(text: string): string {
  if (typeof text !== 'string') return '';
  return text.replace(/\r\n?|[\u2028\u2029]/g, '\n').replace(UNSAFE_CHARS, '');
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ',
  copy: '©', reg: '®', trade: '™', hellip: '…', mdash: '—', ndash: '–', minus: '−',
  lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„', laquo: '«', raquo: '»',
  lsaquo: '‹', rsaquo: '›', bull: '•', middot: '·', prime: '′', Prime: '″', dagger: '†', Dagger: '‡',
  euro: '€', pound: '£', yen: '¥', cent: '¢', curren: '¤', deg: '°', plusmn: '±', times: '×', divide: '÷',
  frac12: '½', frac14: '¼', frac34: '¾', sup1: '¹', sup2: '²', sup3: '³', micro: 'µ', para: '¶', sect: '§',
  iexcl: '¡', iquest: '¿', larr: '←', rarr: '→', uarr: '↑', darr: '↓', harr: '↔', rArr: '⇒', lArr: '⇐',
  hearts: '♥', check: '✓', star: '☆', shy: '', zwj: '', zwnj: '', lrm: '', rlm: '',
  agrave: 'à', aacute: 'á', acirc: 'â', atilde: 'ã', auml: 'ä', aring: 'å', aelig: 'æ', ccedil: 'ç',
  egrave: 'è', eacute: 'é', ecirc: 'ê', euml: 'ë', igrave: 'ì', iacute: 'í', icirc: 'î', iuml: 'ï',
  ntilde: 'ñ', ograve: 'ò', oacute: 'ó', ocirc: 'ô', otilde: 'õ', ouml: 'ö', oslash: 'ø', ugrave: 'ù',
  uacute: 'ú', ucirc: 'û', uuml: 'ü', yacute: 'ý', yuml: 'ÿ', szlig: 'ß', eth: 'ð', thorn: 'þ',
  Agrave: 'À', Aacute: 'Á', Acirc: 'Â', Atilde: 'Ã', Auml: 'Ä', Aring: 'Å', AElig: 'Æ', Ccedil: 'Ç',
  Egrave: 'È', Eacute: 'É', Ecirc: 'Ê', Euml: 'Ë', Igrave: 'Ì', Iacute: 'Í', Icirc: 'Î', Iuml: 'Ï',
  Ntilde: 'Ñ', Ograve: 'Ò', Oacute: 'Ó', Ocirc: 'Ô', Otilde: 'Õ', Ouml: 'Ö', Oslash: 'Ø', Ugrave: 'Ù',
  Uacute: 'Ú', Ucirc: 'Û', Uuml: 'Ü', Yacute: 'Ý', ETH: 'Ð', THORN: 'Þ', oelig: 'œ', OElig: 'Œ',
};

// Legacy entities browsers also accept without the trailing semicolon.
const LEGACY_NO_SEMICOLON = /^(amp|lt|gt|quot|nbsp)/;

function decodeCodePoint(code: number): string {
  if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
  return String.fromCodePoint(code);
}

/** Decodes named and numeric character references. Unknown references are left as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[xX][0-9a-fA-F]{1,8};?|#[0-9]{1,9};?|[a-zA-Z][a-zA-Z0-9]{1,31};?)/g, (match, ref: string) => {
    if (ref.startsWith('#')) {
      const hex = ref[1] === 'x' || ref[1] === 'X';
      const digits = ref.slice(hex ? 2 : 1).replace(';', '');
      return decodeCodePoint(Number.parseInt(digits, hex ? 16 : 10));
    }
    if (ref.endsWith(';')) {
      const name = ref.slice(0, -1);
      return Object.hasOwn(NAMED_ENTITIES, name) ? (NAMED_ENTITIES[name] as string) : match;
    }
    const legacy = LEGACY_NO_SEMICOLON.exec(ref);
    if (legacy) return (NAMED_ENTITIES[legacy[1] as string] as string) + ref.slice(legacy[1]!.length);
    return match;
  });
}

// Elements whose content is never shown to a reader.
const SKIP_CONTENT = new Set(['script', 'style', 'head', 'title', 'template', 'noscript', 'iframe', 'object', 'svg', 'math', 'select', 'textarea']);
// Elements that start and end on their own line.
const BLOCKS = new Set([
  'p', 'div', 'section', 'article', 'aside', 'header', 'footer', 'nav', 'main', 'figure', 'figcaption',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'table', 'thead', 'tbody', 'tfoot', 'tr',
  'ul', 'ol', 'dl', 'dt', 'dd', 'address', 'details', 'summary', 'form', 'fieldset', 'center', 'hr', 'caption',
]);

interface Tag {
  name: string;
  closing: boolean;
  attrs: Record<string, string>;
  end: number; // index just past '>'
}

/** Parses the tag starting at `start` (which is '<'). Returns undefined when it is not a tag (literal '<'). */
function parseTag(html: string, start: number): Tag | undefined {
  let i = start + 1;
  const closing = html[i] === '/';
  if (closing) i++;
  const nameMatch = /^[a-zA-Z][a-zA-Z0-9:-]*/.exec(html.slice(i, i + 64));
  if (!nameMatch) return undefined;
  const name = nameMatch[0].toLowerCase();
  i += nameMatch[0].length;
  const attrs: Record<string, string> = {};
  const n = html.length;
  while (i < n) {
    const ch = html[i] as string;
    if (ch === '>') return { name, closing, attrs, end: i + 1 };
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || ch === '/') {
      i++;
      continue;
    }
    // Attribute name.
    let j = i;
    while (j < n && !/[\s/>=]/.test(html[j] as string)) j++;
    const attrName = html.slice(i, j).toLowerCase();
    i = j;
    while (i < n && /\s/.test(html[i] as string)) i++;
    if (html[i] !== '=') {
      if (attrName) attrs[attrName] = '';
      if (j === i && attrName === '') i++; // never stall
      continue;
    }
    i++;
    while (i < n && /\s/.test(html[i] as string)) i++;
    const quote = html[i];
    let value: string;
    if (quote === '"' || quote === "'") {
      const close = html.indexOf(quote, i + 1);
      if (close < 0) {
        // Unterminated quote: end the tag at the next '>' like a lenient parser would.
        const gt = html.indexOf('>', i);
        if (gt < 0) return { name, closing, attrs, end: n };
        attrs[attrName] = html.slice(i + 1, gt);
        return { name, closing, attrs, end: gt + 1 };
      }
      value = html.slice(i + 1, close);
      i = close + 1;
    } else {
      let k = i;
      while (k < n && !/[\s>]/.test(html[k] as string)) k++;
      value = html.slice(i, k);
      i = k;
    }
    if (attrName && !(attrName in attrs)) attrs[attrName] = decodeEntities(value);
  }
  return { name, closing, attrs, end: n }; // unclosed tag at end of input: drop it
}

/** A URL worth showing: absolute http(s), mailto or tel only (no scripts, data blobs or relative paths). */
function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const trimmed = cleanText(url).trim();
  if (!/^(https?:\/\/[^\s]|mailto:|tel:)/i.test(trimmed)) return undefined;
  return trimmed.replace(/\s+/g, '%20');
}

// Nesting limits keep hostile input from making the output (or the work) quadratic.
const MAX_INDENT = 8;
const MAX_ANCHOR_NESTING = 4;

interface ListState {
  ordered: boolean;
  count: number;
}

/**
 * Converts HTML to readable plain text: blocks and <br> become newlines, list items "- item" (ordered lists
 * "1. item", nested lists indented), links "label (url)" (just the url when the label is the url), images
 * "[image: alt] (src)", entities decoded, scripts/styles/comments dropped, whitespace collapsed (except in
 * <pre>), at most 2 consecutive newlines, trimmed. Plain text in, plain text out (entities still decoded).
 */
export function htmlToText(html: string): string {
  if (typeof html !== 'string' || html === '') return '';
  // Invisible characters go first: later whitespace folding would turn some (U+FEFF) into spaces.
  html = cleanText(html);
  try {
    // No markup at all (plain-text bodies, display_as=plaintext): keep its line breaks as written.
    if (!/<[a-zA-Z/!?]/.test(html)) return tidy(decodeEntities(html).replace(/[^\S\n]+/g, ' ').replace(/ *\n */g, '\n'));
    return convert(html);
  } catch {
    // Defensive: a bug here must never break a tool call; fall back to a crude strip.
    return cleanText(decodeEntities(html.replace(/<[^>]*>/g, ' '))).replace(/[ \t]+/g, ' ').trim();
  }
}

function convert(html: string): string {
  const lower = html.toLowerCase();
  const out: string[] = [];
  let last = '\n'; // last character written ('\n' at start so leading blanks are dropped)
  let pendingSpace = false;
  let pre = 0;
  const lists: ListState[] = [];
  const anchors: Array<{ href: string | undefined; start: number }> = [];
  let cellInRow = 0;
  let afterMarker = false; // just wrote a list marker: a block opening inside the <li> must not break the line

  const write = (s: string): void => {
    if (!s) return;
    afterMarker = false;
    if (pendingSpace && last !== '\n' && last !== ' ' && !s.startsWith('\n')) out.push(' ');
    pendingSpace = false;
    out.push(s);
    last = s[s.length - 1] as string;
  };
  const newline = (): void => {
    pendingSpace = false;
    if (afterMarker) return;
    if (last !== '\n') {
      out.push('\n');
      last = '\n';
    }
  };
  const hardBreak = (): void => {
    pendingSpace = false;
    out.push('\n');
    last = '\n';
  };
  const text = (raw: string): void => {
    const decoded = decodeEntities(raw);
    if (pre > 0) {
      write(decoded.replace(/\r\n?/g, '\n'));
      return;
    }
    const collapsed = decoded.replace(/[\s\u00A0]+/g, ' ');
    if (collapsed === ' ') {
      pendingSpace = true;
      return;
    }
    const leading = collapsed.startsWith(' ');
    const trailing = collapsed.endsWith(' ');
    const core = collapsed.trim();
    if (leading) pendingSpace = true;
    write(core);
    if (trailing) pendingSpace = true;
  };

  const n = html.length;
  let i = 0;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      text(html.slice(i));
      break;
    }
    if (lt > i) text(html.slice(i, lt));
    i = lt;
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    const next = html[i + 1];
    if (next === '!' || next === '?') {
      const end = html.indexOf('>', i);
      i = end < 0 ? n : end + 1;
      continue;
    }
    const tag = parseTag(html, i);
    if (!tag) {
      text('<');
      i++;
      continue;
    }
    i = tag.end;
    const { name } = tag;
    if (SKIP_CONTENT.has(name)) {
      if (!tag.closing) {
        const end = lower.indexOf(`</${name}`, i);
        if (end < 0) {
          i = n;
        } else {
          const gt = html.indexOf('>', end);
          i = gt < 0 ? n : gt + 1;
        }
      }
      continue;
    }
    switch (name) {
      case 'br':
        hardBreak();
        break;
      case 'ul':
      case 'ol':
        afterMarker = false;
        newline();
        if (tag.closing) lists.pop();
        else lists.push({ ordered: name === 'ol', count: 0 });
        break;
      case 'li': {
        newline();
        if (tag.closing) break;
        const list = lists[lists.length - 1];
        const depth = Math.min(Math.max(lists.length, 1), MAX_INDENT); // bounded: output stays linear
        let marker = '- ';
        if (list?.ordered) {
          list.count++;
          marker = `${list.count}. `;
        }
        write('  '.repeat(depth - 1) + marker);
        afterMarker = true;
        break;
      }
      case 'a':
        if (tag.closing) {
          const anchor = anchors.pop(); // over-nested anchors were never pushed: their close pops an outer one early, harmless
          if (anchor) {
            const label = out.slice(anchor.start).join('').trim();
            const href = anchor.href;
            if (href && !sameTarget(label, href)) {
              write(label ? ` (${href})` : href);
            }
          }
        } else if (anchors.length < MAX_ANCHOR_NESTING) {
          anchors.push({ href: safeUrl(tag.attrs.href), start: out.length });
        }
        break;
      case 'img': {
        const alt = cleanText(tag.attrs.alt ?? '').replace(/\s+/g, ' ').trim();
        const src = safeUrl(tag.attrs.src);
        if (alt || src) {
          if (last !== '\n' && last !== ' ') pendingSpace = true; // adjacent images stay apart
          write(`[image${alt ? `: ${alt}` : ''}]${src ? ` (${src})` : ''}`);
        }
        break;
      }
      case 'pre':
        newline();
        pre = tag.closing ? Math.max(0, pre - 1) : pre + 1;
        break;
      case 'tr':
        newline();
        cellInRow = 0;
        break;
      case 'td':
      case 'th':
        if (!tag.closing) {
          if (cellInRow > 0) write(' | ');
          cellInRow++;
        }
        break;
      default:
        if (BLOCKS.has(name)) newline();
        else if (name === 'wbr') break;
    }
  }

  return tidy(out.join(''));
}

/** Final tidy-up: controls stripped, no trailing spaces per line, at most 2 consecutive newlines, trimmed. */
function tidy(text: string): string {
  return cleanText(text)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A link whose label already shows its target (http(s)/mailto prefix and trailing slash ignored). */
function sameTarget(label: string, href: string): boolean {
  const norm = (s: string): string => s.replace(/^(https?:\/\/|mailto:|tel:)/i, '').replace(/\/$/, '').toLowerCase();
  return norm(label) === norm(href);
}

const LOOKS_LIKE_HTML = /<\/?[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?\/?>|&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/;

/**
 * Any untrusted string bound for the output (names, subjects, tag names, attribute values): HTML removed
 * only when it actually looks like HTML (so "Bob <bob@x.io>" survives), controls stripped, trimmed.
 */
export function plainText(value: string): string {
  if (typeof value !== 'string') return '';
  const text = LOOKS_LIKE_HTML.test(value) ? htmlToText(value) : cleanText(value);
  return text.trim();
}

/** plainText squeezed onto one line. */
export function plainLine(value: string): string {
  return plainText(value).replace(/\s+/g, ' ');
}
