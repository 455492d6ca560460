/**
 * The one way the web app talks to Hearken: the public API under /api/v1, with the session
 * cookie. Errors arrive as `{ error: { code, message } }` and become an ApiError that screens
 * can show as they are; a 401 tells the session that it has ended.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

type Listener = () => void;
const sessionEndedListeners = new Set<Listener>();

/** Called whenever the API answers 401 to a signed-in screen: the session expired or was ended elsewhere. */
export function onSessionEnded(listener: Listener): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  signal?: AbortSignal;
  /** Sign-in and "who am I" expect 401 and must not announce an ended session. */
  quietUnauthenticated?: boolean;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const url = new URL(`/api/v1${path}`, window.location.origin);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      // X-Requested-With: a body-less change (sign out, accept an escalation) is one no other site can
      // forge with the session cookie; the server refuses cookie-authenticated changes without it or JSON.
      headers:
        options.body === undefined
          ? { accept: 'application/json', 'x-requested-with': 'hearken' }
          : { accept: 'application/json', 'content-type': 'application/json', 'x-requested-with': 'hearken' },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'Hearken cannot be reached. Check your connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (payload as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    if (response.status === 401 && !options.quietUnauthenticated)
      for (const listener of sessionEndedListeners) listener();
    throw new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `The request failed (${response.status})`,
      error?.details,
    );
  }
  return payload as T;
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong';
}
