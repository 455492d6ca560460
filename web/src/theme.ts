import { createTheme, type MantineColorsTuple } from '@mantine/core';

/** Hearken's blue: dark enough at shade 7 for white text at WCAG AA contrast. */
const hearken: MantineColorsTuple = ['#eaf1ff', '#d3dffa', '#a5bcf0', '#7397e7', '#4a78df', '#3166db', '#235bd9', '#1a4cc0', '#1243ac', '#003998'];

export const theme = createTheme({
  primaryColor: 'hearken',
  primaryShade: 7,
  colors: { hearken },
  defaultRadius: 'md',
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    Button: { defaultProps: { fw: 600 } },
  },
});
