import {
  type CSSVariablesResolver,
  createTheme,
  darken,
  luminance,
  type MantineColorsTuple,
  type MantineTheme,
} from '@mantine/core';
import { i18n } from '../i18n';

// Mantine's defaults fall short of WCAG AA (4.5:1 for text) in several places: white on blue 6,
// grey 6 for dimmed text, shade 9 on shade 1 for light badges and buttons. The staff theme fixes
// them here, once, rather than in each component.

const AA = 4.5;

function contrast(a: string, b: string): number {
  const [lighter, darker] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

/** A palette's darkest shade, darkened until it reads on the palette's light tints (shade 2 is a light button's hover). */
function readableShade(palette: MantineColorsTuple): string {
  let color = palette[9];
  for (let amount = 0.05; contrast(color, palette[2]) < AA; amount += 0.05) color = darken(palette[9], amount);
  return color;
}

/** The dimmed text and the coloured text (`c="red"`, light and subtle variants) in readable shades. */
export const staffCssVariables: CSSVariablesResolver = (theme: MantineTheme) => {
  const light: Record<string, string> = {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-text)',
  };
  for (const [name, palette] of Object.entries(theme.colors)) {
    const readable = readableShade(palette);
    light[`--mantine-color-${name}-text`] = readable;
    light[`--mantine-color-${name}-light-color`] = readable;
  }
  return { variables: {}, light, dark: {} };
};

// Mantine's close buttons are bare icons: name them, in the language of the moment.
const closeLabel = () => i18n.t('common:close');
// a dialog's <header> is in no landmark (its section is a dialog), so it would be a second page banner
const dialogHeader = { header: { role: 'none' } };

export const staffTheme = createTheme({
  primaryColor: 'blue',
  // white on blue 6, Mantine's default, is 3.6:1; on blue 8 it is 5:1
  primaryShade: 8,
  // filled buttons, badges and switches take black or white text, whichever contrasts more with
  // their colour: 0.179 is where the two are equal, so either way it is at least 4.58:1
  autoContrast: true,
  luminanceThreshold: 0.179,
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  components: {
    Modal: { defaultProps: () => ({ closeButtonProps: { 'aria-label': closeLabel() }, attributes: dialogHeader }) },
    Notification: {
      defaultProps: () => ({ closeButtonProps: { 'aria-label': closeLabel() } }),
      // its text is Mantine's grey 6 (3.3:1 on white), not the dimmed colour above
      styles: { description: { color: 'var(--mantine-color-dimmed)' } },
    },
    Alert: { defaultProps: () => ({ closeButtonLabel: closeLabel() }) },
    // an open menu would hold an empty role=presentation focus placeholder, which a role=menu may
    // not contain (axe: aria-required-children, critical); without it the first item takes the
    // focus on opening, as the ARIA menu button pattern has it
    Menu: { defaultProps: { withInitialFocusPlaceholder: false } },
  },
});
