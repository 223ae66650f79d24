import { describe, expect, it } from 'vitest';
import { cleanText, decodeEntities, htmlToText, plainLine, plainText } from '../../src/format/html-to-text.js';

describe('htmlToText', () => {
  it.each([
    ['empty', '', ''],
    ['plain text keeps its line breaks', 'line one\r\nline two\n\n\n\nline three', 'line one\nline two\n\nline three'],
    ['paragraphs', '<p>One</p><p>Two</p>', 'One\nTwo'],
    ['empty paragraph is a blank line', '<p>One</p><p><br></p><p>Two</p>', 'One\n\nTwo'],
    ['br and max two newlines', 'a<br>b<br/><br />c<br><br><br><br>d', 'a\nb\n\nc\n\nd'],
    ['named entities', '<p>Tom&nbsp;&amp;&nbsp;Jerry &lt;b&gt; &quot;q&quot; &eacute; &hellip;</p>', 'Tom & Jerry <b> "q" é …'],
    ['numeric entities', '<p>it&#39;s &#x27;x&#x27; &#128512; &#0;</p>', "it's 'x' 😀 \uFFFD"],
    ['unknown entity left as written', '<p>&bogus; AT&T</p>', '&bogus; AT&T'],
    ['legacy entity without semicolon', '<p>a &amp b</p>', 'a & b'],
    ['inline tags vanish', '<p>I was <b>charged</b> <i>twice</i></p>', 'I was charged twice'],
    ['link with label', '<p>See <a href="https://x.io/a">the docs</a>.</p>', 'See the docs (https://x.io/a).'],
    ['link whose label is the url', '<a href="https://x.io/">https://x.io</a>', 'https://x.io'],
    ['mailto link', '<a href="mailto:a@b.co">a@b.co</a>', 'a@b.co'],
    ['link without label', '<a href="https://x.io/a"></a>', 'https://x.io/a'],
    ['relative link keeps only its label', '<a href="/help">Help</a>', 'Help'],
    ['javascript link dropped', '<a href="javascript:alert(1)">click</a>', 'click'],
    ['image', '<img src="https://x.io/i.png" alt="Screen shot">', '[image: Screen shot] (https://x.io/i.png)'],
    ['image without alt, data image without src', '<img src="https://x.io/j.png"><img src="data:image/png;base64,AAA" alt="inline">', '[image] (https://x.io/j.png) [image: inline]'],
    ['bullet list', '<ul><li>one</li><li>two</li></ul>', '- one\n- two'],
    ['nested lists', '<ul><li>one<ul><li>deep <b>bold</b></li></ul></li><li>two</li></ul>', '- one\n  - deep bold\n- two'],
    ['ordered list with p items', '<ol><li><p>first</p></li><li><p>second</p></li></ol>', '1. first\n2. second'],
    ['scripts, styles and comments dropped', '<script>alert(1)</script><style>p{}</style>Visible<!-- hidden -->Text', 'VisibleText'],
    ['unterminated script drops the rest', 'a<script>evil()', 'a'],
    ['malformed nesting', '<p>Unclosed <b>bold <i>italic</p><div>next', 'Unclosed bold italic\nnext'],
    ['stray angle brackets are text', 'a < b and c > d, 3<4', 'a < b and c > d, 3<4'],
    ['unterminated tag at end', 'hello <b', 'hello'],
    ['pre keeps whitespace', '<p>x</p><pre>a\n    b</pre><p>after</p>', 'x\na\n    b\nafter'],
    ['table cells', '<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>', 'A | B\n1 | 2'],
    ['whitespace collapsed', '<p>  lots   of \n\n  space  </p>', 'lots of space'],
    ['bidi and invisible characters stripped', '<p>pay\u202Eecnalab\u202C\u200B now\uFEFF</p>', 'payecnalab now'],
    ['headings and blockquotes', '<h2>Title</h2><blockquote>Quote</blockquote>', 'Title\nQuote'],
    ['doctype and processing instructions', '<!DOCTYPE html><?xml version="1.0"?><p>x</p>', 'x'],
    ['attribute with > inside quotes', '<a title="a>b" href="https://x.io">go</a>', 'go (https://x.io)'],
  ])('%s', (_name, html, expected) => {
    expect(htmlToText(html)).toBe(expected);
  });

  it('never throws on hostile input', () => {
    const inputs = ['<', '<<<<', '<a href="', "<a href='x", '</', '<!--', '<!', '<?', '&#xFFFFFFFF;', '&#99999999;', '<li></li></ul></ol>', '</a></a>'];
    for (const input of inputs) expect(typeof htmlToText(input)).toBe('string');
    expect(htmlToText(undefined as unknown as string)).toBe('');
  });

  it('handles 100 kB inputs, including pathological ones, in linear time', () => {
    const big = '<p>Hello <b>world</b> &amp; <a href="https://x.io">link</a></p>'.repeat(1700);
    const started = performance.now();
    const text = htmlToText(big);
    expect(text.split('\n')).toHaveLength(1700);
    const pathological = [
      '<'.repeat(100_000),
      '<a href="'.repeat(10_000),
      '<p'.repeat(50_000),
      '&'.repeat(100_000),
      '<ul><li>'.repeat(12_000),
      '<!--'.repeat(25_000),
    ];
    for (const input of pathological) expect(typeof htmlToText(input)).toBe('string');
    // Generous bound: only catches quadratic behaviour, not machine speed.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('cleanText', () => {
  it.each([
    ['keeps newlines and tabs', 'a\n\tb', 'a\n\tb'],
    ['CRLF and separators become newlines', 'a\r\nb\u2028c', 'a\nb\nc'],
    ['drops C0 and C1 controls', 'a\u0000b\u0007c\u001bd\u0085e\u009f', 'abcde'],
    ['drops zero-width and bidi controls', '\u200Bz\u200Cw\u200Dj\u200Em\u200F|\u202Aa\u202Bb\u202Cc\u202Dd\u202Ee|\u2066f\u2067g\u2068h\u2069|\uFEFF', 'zwjm|abcde|fgh|'],
    ['keeps ordinary unicode', 'Zoë 日本 😀', 'Zoë 日本 😀'],
  ])('%s', (_name, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });
});

describe('plainText / plainLine', () => {
  it.each([
    ['HTML removed from a name', '<b>Jane</b> Doe', 'Jane Doe'],
    ['an email in angle brackets survives', 'Bob <bob@x.io>', 'Bob <bob@x.io>'],
    ['entities decoded', 'Tom &amp; Jerry', 'Tom & Jerry'],
    ['script removed', 'Eve<script>alert(1)</script>', 'Eve'],
    ['bidi stripped', '\u202Eevil', 'evil'],
  ])('%s', (_name, input, expected) => {
    expect(plainText(input)).toBe(expected);
  });

  it('squeezes onto one line', () => {
    expect(plainLine('a\n\n b\tc')).toBe('a b c');
  });

  it('decodeEntities leaves text without & untouched', () => {
    expect(decodeEntities('plain')).toBe('plain');
  });
});

describe('invisible characters next to text', () => {
  it.each([
    ['<p>now\uFEFF.</p>', 'now.'],
    ['now\uFEFF.', 'now.'],
    ['<p>a\u200Bb\u202Ec</p>', 'abc'],
  ])('%j becomes %j, with no space left behind', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });
});
