/**
 * The workspace's code, loaded once: by its route, or earlier by the sign-in page while the person
 * types, so that signing in does not wait for it.
 */
export const loadWorkspace = () => import('./WorkspacePage');
