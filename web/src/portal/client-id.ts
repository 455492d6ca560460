/**
 * A fresh id for one draft. crypto.randomUUID exists only in secure contexts (https or
 * localhost); a portal reached over plain http on a local network still needs ids.
 */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
