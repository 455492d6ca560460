import { describe, expect, it } from 'vitest';
import { feedAuthorHandle, htmlToText, isRoleAddress, parseFeed } from './feed-items.ts';

const WORDPRESS = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
	<title>Lumen Community</title>
	<atom:link href="https://community.example/feed/" rel="self" type="application/rss+xml" />
	<link>https://community.example</link>
	<item>
		<title>No signal in Leeds since Monday &#8211; anyone else?</title>
		<link>https://community.example/2030/01/no-signal/</link>
		<dc:creator><![CDATA[Jane Doe]]></dc:creator>
		<pubDate>Tue, 01 Jan 2030 09:30:00 +0000</pubDate>
		<category><![CDATA[Network]]></category>
		<guid isPermaLink="false">https://community.example/?p=123</guid>
		<description><![CDATA[<p>Since Monday my phone shows &#8220;No service&#8221; &hellip;</p>]]></description>
		<content:encoded><![CDATA[<p>Since Monday my phone shows &#8220;No service&#8221; at home.</p>
<p>I&#8217;ve restarted it twice.<br/>Still nothing &amp; no reply from support.</p>
<script>alert(1)</script>]]></content:encoded>
	</item>
	<item>
		<title>Roaming charges</title>
		<link>https://community.example/2030/01/roaming/</link>
		<author>bob@example.com (Bob Smith)</author>
		<pubDate>Wed, 02 Jan 2030 10:00:00 GMT</pubDate>
		<description>&lt;b&gt;Charged&lt;/b&gt; for roaming in France &amp;amp; Spain</description>
	</item>
</channel>
</rss>`;

const DISCOURSE = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:discourse="http://www.discourse.org/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>Latest posts</title>
    <item>
      <title>eSIM will not activate</title>
      <dc:creator><![CDATA[@mo_k]]></dc:creator>
      <description><![CDATA[<p>QR code says <code>invalid</code></p>]]></description>
      <link>https://forum.example/t/esim/42/3</link>
      <pubDate>Thu, 03 Jan 2030 12:00:00 +0000</pubDate>
      <discourse:topicPinned>No</discourse:topicPinned>
      <guid isPermaLink="false">forum.example-post-42-3</guid>
    </item>
  </channel>
</rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">Lumen public page</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2030-01-05T18:30:02Z</updated>
  <author><name>Page Moderator</name></author>
  <entry>
    <title type="html">Bill &lt;em&gt;doubled&lt;/em&gt;</title>
    <link rel="alternate" type="text/html" href="https://page.example/posts/1"/>
    <link rel="edit" href="https://page.example/api/posts/1"/>
    <id>tag:page.example,2030:post-1</id>
    <published>2030-01-05T18:00:00Z</published>
    <updated>2030-01-05T18:30:02Z</updated>
    <author><name>Sam Lee</name><email>sam@example.org</email></author>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>My bill is <strong>twice</strong> what it was.</p></div></content>
  </entry>
  <entry>
    <title>Thanks</title>
    <id>tag:page.example,2030:post-2</id>
    <updated>2030-01-06T08:00:00Z</updated>
    <summary type="text">Fixed &lt;now&gt;, thanks</summary>
  </entry>
</feed>`;

describe('reading feeds', () => {
  it('reads a WordPress RSS feed: CDATA, dc:creator, full content as plain text, RSS author', () => {
    const parsed = parseFeed(WORDPRESS);
    if (!parsed.ok) throw new Error(parsed.problem);
    expect(parsed).toMatchObject({ format: 'rss', title: 'Lumen Community' });
    const [first, second] = parsed.items;
    expect(first).toEqual({
      id: 'https://community.example/?p=123',
      link: 'https://community.example/2030/01/no-signal/',
      title: 'No signal in Leeds since Monday – anyone else?',
      text: 'Since Monday my phone shows “No service” at home.\n\nI’ve restarted it twice.\nStill nothing & no reply from support.',
      author: { name: 'Jane Doe', email: null },
      publishedAt: new Date('2030-01-01T09:30:00Z'),
    });
    expect(second).toMatchObject({
      id: 'https://community.example/2030/01/roaming/',
      text: 'Charged for roaming in France & Spain',
      author: { name: 'Bob Smith', email: 'bob@example.com' },
      publishedAt: new Date('2030-01-02T10:00:00Z'),
    });
  });

  it('reads a Discourse feed', () => {
    const parsed = parseFeed(DISCOURSE);
    if (!parsed.ok) throw new Error(parsed.problem);
    expect(parsed.items).toEqual([
      {
        id: 'forum.example-post-42-3',
        link: 'https://forum.example/t/esim/42/3',
        title: 'eSIM will not activate',
        text: 'QR code says invalid',
        author: { name: '@mo_k', email: null },
        publishedAt: new Date('2030-01-03T12:00:00Z'),
      },
    ]);
  });

  it('reads Atom: alternate link, html and xhtml and text constructs, the feed author as fallback', () => {
    const parsed = parseFeed(ATOM);
    if (!parsed.ok) throw new Error(parsed.problem);
    expect(parsed.format).toBe('atom');
    expect(parsed.items[0]).toEqual({
      id: 'tag:page.example,2030:post-1',
      link: 'https://page.example/posts/1',
      title: 'Bill doubled',
      text: 'My bill is twice what it was.',
      author: { name: 'Sam Lee', email: 'sam@example.org' },
      publishedAt: new Date('2030-01-05T18:00:00Z'),
    });
    expect(parsed.items[1]).toMatchObject({
      text: 'Fixed <now>, thanks',
      author: { name: 'Page Moderator' },
      link: null,
      publishedAt: new Date('2030-01-06T08:00:00Z'),
    });
  });

  it('refuses what is not a feed with a clear reason', () => {
    const broken = parseFeed('<rss><channel><item><title>unclosed</channel></rss>');
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.problem).toMatch(/not well-formed XML.*line 1/);
    expect(parseFeed('<html><body>hi</body></html>')).toEqual({
      ok: false,
      problem: expect.stringContaining('neither an RSS nor an Atom feed'),
    });
    expect(parseFeed('').ok).toBe(false);
    expect(parseFeed('{"json": true}').ok).toBe(false);
  });

  it('turns HTML into readable text and names authors by handle', () => {
    expect(htmlToText('<ul><li>one</li><li>two &amp; three</li></ul><style>p{}</style><!-- x -->')).toBe(
      '- one\n- two & three',
    );
    expect(htmlToText('a < b and c > d')).toBe('a < b and c > d');
    expect(feedAuthorHandle('  Jane   Doe ')).toBe('jane_doe');
    expect(feedAuthorHandle('@Mo_K')).toBe('mo_k');
    expect(feedAuthorHandle('   ')).toBeNull();
    expect(isRoleAddress('noreply@blogger.com')).toBe(true);
    expect(isRoleAddress('jane@example.com')).toBe(false);
  });
});
