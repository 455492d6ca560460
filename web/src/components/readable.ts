import type { CSSProperties } from 'react';

/** Mantine's dimmed grey is under WCAG AA on small text; the workspace (and its dialogs) use a darker one. */
/** Orange text Mantine's light orange backgrounds can carry at WCAG AA. */
export const DARK_ORANGE = '#8a3a00';

/** Green text for Mantine's light green backgrounds. */
export const DARK_GREEN = '#1d6b31';

export const READABLE_DIMMED = { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' } as CSSProperties;
