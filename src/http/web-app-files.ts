import { fileURLToPath } from 'node:url';

/** Where the web app's sources are, and where Vite writes the build the server sends. */
export const WEB_APP_ROOT = fileURLToPath(new URL('../../web', import.meta.url));
export const WEB_APP_DIST = `${WEB_APP_ROOT}/dist`;
