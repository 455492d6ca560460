import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * Posts read from an RSS 2.0, RSS 1.0 (RDF) or Atom feed — a community forum, a public page.
 * Pure: the caller fetches the document. HTML in a post is turned into plain text; CDATA,
 * dc:creator, Atom author name/email, guid or id, pubDate/published/updated and links are
 * all understood. Entity expansion is bounded by the parser's limits.
 */
export interface FeedItem {
  /** The feed's own id for the item: guid or Atom id, else the link; null when it has neither. */
  id: string | null;
  link: string | null;
  title: string | null;
  text: string;
  author: { name: string | null; email: string | null };
  publishedAt: Date | null;
}

export type FeedParse =
  | { ok: true; format: 'rss' | 'atom' | 'rdf'; title: string | null; items: FeedItem[] }
  | { ok: false; problem: string };

const ARRAYS = new Set(['item', 'entry', 'link', 'author', 'dc:creator', 'category']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ARRAYS.has(name),
  // Atom text constructs are kept raw: an xhtml one is markup whose order matters.
  stopNodes: ['feed.entry.title', 'feed.entry.content', 'feed.entry.summary'],
});

type Node = Record<string, unknown>;

export function parseFeed(xml: string): FeedParse {
  const document = xml.replace(/^\uFEFF/, '');
  const valid = XMLValidator.validate(document);
  if (valid !== true)
    return {
      ok: false,
      problem: `not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`,
    };
  let root: Node;
  try {
    root = parser.parse(document) as Node;
  } catch (error) {
    return { ok: false, problem: `not readable XML: ${error instanceof Error ? error.message : String(error)}` };
  }
  const rss = asNode(root['rss']);
  if (rss) {
    const channel = asNode(rss['channel']);
    if (!channel) return { ok: false, problem: 'an RSS document without a <channel>' };
    return { ok: true, format: 'rss', title: textOf(channel['title']), items: list(channel['item']).map(rssItem) };
  }
  const rdf = asNode(root['rdf:RDF']);
  if (rdf)
    return {
      ok: true,
      format: 'rdf',
      title: textOf(asNode(rdf['channel'])?.['title']),
      items: list(rdf['item']).map(rssItem),
    };
  const feed = asNode(root['feed']);
  if (feed) {
    const feedAuthor = list(feed['author'])[0];
    return {
      ok: true,
      format: 'atom',
      title: textOf(feed['title']),
      items: list(feed['entry']).map((e) => atomEntry(e, feedAuthor)),
    };
  }
  return { ok: false, problem: 'neither an RSS nor an Atom feed (no <rss>, <rdf:RDF> or <feed> element)' };
}

function rssItem(item: Node): FeedItem {
  const link = textOf(list(item['link'])[0]);
  const guid = textOf(item['guid']);
  const body = textOf(item['content:encoded']) ?? textOf(item['description']) ?? '';
  const creator = textOf(list(item['dc:creator'])[0]);
  const author = creator ? { name: creator, email: null } : rssAuthor(textOf(list(item['author'])[0]));
  return {
    id: guid ?? link,
    link,
    title: htmlToText(textOf(item['title']) ?? '') || null,
    text: htmlToText(body),
    author,
    publishedAt: date(textOf(item['pubDate']) ?? textOf(item['dc:date'])),
  };
}

/** RSS <author> is "jane@example.com (Jane Doe)", or in practice often just a name. */
function rssAuthor(raw: string | null): FeedItem['author'] {
  if (!raw) return { name: null, email: null };
  const both = /^\s*(\S+@\S+)\s*\((.+)\)\s*$/.exec(raw);
  if (both) return { name: both[2]!.trim(), email: both[1]! };
  return /^\S+@\S+\.\S+$/.test(raw.trim()) ? { name: null, email: raw.trim() } : { name: raw.trim(), email: null };
}

function atomEntry(entry: Node, feedAuthor: Node | undefined): FeedItem {
  const links = list(entry['link']);
  const alternate = links.find((l) => !l['@_rel'] || l['@_rel'] === 'alternate') ?? links[0];
  const link = typeof alternate?.['@_href'] === 'string' ? alternate['@_href'] : null;
  const author = list(entry['author'])[0] ?? feedAuthor;
  return {
    id: textOf(entry['id']) ?? link,
    link,
    title: atomText(entry['title']) || null,
    text: atomText(entry['content']) || atomText(entry['summary']),
    author: { name: textOf(author?.['name']), email: textOf(author?.['email']) },
    publishedAt: date(textOf(entry['published']) ?? textOf(entry['updated'])),
  };
}

/** Atom text constructs: type="text" is plain, "html" is escaped HTML, "xhtml" is inline markup. */
function atomText(value: unknown): string {
  const type = asNode(value)?.['@_type'];
  const raw = textOf(value) ?? '';
  if (type === 'xhtml') return htmlToText(raw);
  const text = xmlTextValue(raw);
  return type === 'html' || type === 'text/html' ? htmlToText(text) : text.replace(/\s+/g, ' ').trim();
}

/** The character data of raw XML content: CDATA sections as they are, the rest entity-decoded. */
function xmlTextValue(raw: string): string {
  return raw
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part) => (part.startsWith('<![CDATA[') ? part.slice(9, -3) : decodeXmlEntities(part)))
    .join('');
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decodeXmlEntities = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, code: string) =>
    code[0] === '#' ? decodeEntities(whole) : XML_ENTITIES[code.toLowerCase()]!,
  );

const asNode = (value: unknown): Node | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Node) : undefined;

function list(value: unknown): Node[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.map((v) => (typeof v === 'object' && v !== null ? (v as Node) : { '#text': String(v) }));
}

/** The text of an element, whether it came as a string, a CDATA section or a node with attributes. */
function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const node = asNode(value);
  if (node && node['#text'] !== undefined) return textOf(node['#text']);
  return null;
}

function date(raw: string | null): Date | null {
  if (!raw) return null;
  const parsed = new Date(raw);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
  pound: '£',
  bull: '•',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const point =
        code[1] === 'x' || code[1] === 'X' ? Number.parseInt(code.slice(2), 16) : Number.parseInt(code.slice(1), 10);
      return Number.isFinite(point) && point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : whole;
    }
    return NAMED_ENTITIES[code.toLowerCase()] ?? whole;
  });
}

/** HTML to readable plain text: paragraphs and line breaks kept, tags, scripts and styles gone. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<li\b[^>]*>/gi, '\n- ')
      .replace(/<\/(p|div|h[1-6]|blockquote|pre|ul|ol|table|tr|aside|section|article)\s*>/gi, '\n\n')
      .replace(/<(p|div|h[1-6]|blockquote|pre|tr|hr)\b[^>]*>/gi, '\n')
      .replace(/<\/?[a-z][a-z0-9:-]*\b[^>]*>/gi, ''),
  )
    .replace(/[ \t\u00A0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * The handle a feed author is known by: the name lower-cased with runs of spaces as "_" and
 * any leading "@" dropped ("Jane Doe" → "jane_doe", "@Jane" → "jane"). A customer whose
 * handle is that is linked to the post.
 */
export function feedAuthorHandle(name: string): string | null {
  const handle = name.trim().replace(/^@+/, '').replace(/\s+/g, '_').toLowerCase();
  return handle.length > 0 && handle.length <= 200 ? handle : null;
}

/** Addresses that stand for a platform rather than a person (Blogger's noreply@blogger.com). */
export function isRoleAddress(email: string): boolean {
  return /^(no-?reply|do-?not-?reply|nobody|noreply-[^@]*|mailer-daemon)@/i.test(email.trim());
}
