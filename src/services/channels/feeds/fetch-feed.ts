/** How a feed is fetched: at most 10 seconds, at most 5 MB, and only when it changed. */
export const FEED_FETCH_TIMEOUT_MS = 10_000;
export const FEED_MAX_BYTES = 5 * 1024 * 1024;

export type FeedFetch =
  { status: 'not_modified' } | { status: 'fetched'; body: string; etag: string | null; lastModified: string | null };

/**
 * Fetches a feed with a conditional GET (If-None-Match / If-Modified-Since from the last good
 * poll). Throws an Error whose message says what went wrong in words a person can act on.
 */
export async function fetchFeed(
  url: string,
  validators: { etag: string | null; lastModified: string | null },
  limits: { timeoutMs?: number; maxBytes?: number } = {},
): Promise<FeedFetch> {
  const maxBytes = limits.maxBytes ?? FEED_MAX_BYTES;
  const headers: Record<string, string> = {
    accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1',
    'user-agent': 'Hearken feed reader',
  };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  const timeoutMs = limits.timeoutMs ?? FEED_FETCH_TIMEOUT_MS;
  let response: Response;
  try {
    response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new Error(`The feed could not be fetched: ${reason(error, timeoutMs)}`);
  }
  if (response.status === 304) {
    await response.body?.cancel().catch(() => undefined);
    return { status: 'not_modified' };
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(`The feed answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
  }
  const declared = Number(response.headers.get('content-length') ?? 'NaN');
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(`The feed is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
  }
  const bytes = await readCapped(response, maxBytes, timeoutMs);
  return {
    status: 'fetched',
    body: decode(bytes, response.headers.get('content-type')),
    etag: response.headers.get('etag'),
    lastModified: response.headers.get('last-modified'),
  };
}

async function readCapped(response: Response, maxBytes: number, timeoutMs: number): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new Error(`The feed is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('The feed')) throw error;
    throw new Error(`The feed could not be read: ${reason(error, timeoutMs)}`);
  }
  return Buffer.concat(chunks);
}

/** The charset from Content-Type, else from the XML declaration, else UTF-8. */
function decode(bytes: Uint8Array, contentType: string | null): string {
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
  const charset =
    /charset="?([\w-]+)/i.exec(contentType ?? '')?.[1] ??
    /<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(head)?.[1] ??
    'utf-8';
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function reason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${timeoutMs / 1000} seconds`;
  if (error instanceof Error && error.cause instanceof Error) return error.cause.message;
  return error instanceof Error ? error.message : String(error);
}
