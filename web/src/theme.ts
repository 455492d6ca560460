import {
  createTheme,
  defaultVariantColorsResolver,
  parseThemeColor,
  type CSSVariablesResolver,
  type MantineColorsTuple,
  type VariantColorsResolver,
} from '@mantine/core';

/** Hearken's blue: dark enough at shade 7 for white text at WCAG AA contrast. */
const hearken: MantineColorsTuple = [
  '#eaf1ff',
  '#d3dffa',
  '#a5bcf0',
  '#7397e7',
  '#4a78df',
  '#3166db',
  '#235bd9',
  '#1a4cc0',
  '#1243ac',
  '#003998',
];

/** Pale colours whose own darkest shade is still too light to read on their tinted background. */
const PALE = new Set(['yellow', 'orange', 'lime']);

/**
 * Tinted ("light") badges, buttons and alerts write in the colour's darkest shade, so their text
 * passes WCAG AA (4.5:1) on its tint; Mantine's default shade 6 text does not for green or orange.
 */
const readableVariants: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  if (input.variant !== 'light') return colors;
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor) return colors;
  return {
    ...colors,
    color: PALE.has(parsed.color) ? 'var(--mantine-color-dark-7)' : `var(--mantine-color-${parsed.color}-9)`,
  };
};

export const theme = createTheme({
  primaryColor: 'hearken',
  primaryShade: 7,
  colors: { hearken },
  defaultRadius: 'md',
  // People who ask their system for less motion get dialogs and menus without fades.
  respectReducedMotion: true,
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  headings: { fontWeight: '650' },
  variantColorResolver: readableVariants,
  components: {
    Button: { defaultProps: { fw: 600 } },
    Notification: { defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss notification' } } },
  },
});

/** Secondary ("dimmed") text at 5.6:1 on the page background instead of Mantine's 3.3:1. */
export const cssVariables: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#5f6670' },
  dark: {},
});
