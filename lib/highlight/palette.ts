import type { ThemeRegistrationResolved } from "shiki";

/**
 * Token colours become short CSS classes (`l3` for the light theme's third
 * colour, `d7` for the dark theme's seventh) so highlighted HTML carries
 * classes instead of inline styles: a fraction of the bytes, and one
 * stylesheet switches light and dark.
 */
export interface Palette {
  light: Map<string, string>;
  dark: Map<string, string>;
  css: string;
}

function themeColours(theme: ThemeRegistrationResolved): string[] {
  const colours = new Set<string>();
  if (theme.fg) colours.add(theme.fg.toLowerCase());
  for (const rule of theme.settings ?? []) {
    const fg = rule.settings?.foreground;
    if (typeof fg === "string") colours.add(fg.toLowerCase());
  }
  return [...colours].sort();
}

export function buildPalette(light: ThemeRegistrationResolved, dark: ThemeRegistrationResolved): Palette {
  const lightMap = new Map(themeColours(light).map((c, i) => [c, `l${i}`]));
  const darkMap = new Map(themeColours(dark).map((c, i) => [c, `d${i}`]));
  const rules: string[] = [];
  for (const [colour, cls] of lightMap) rules.push(`.hl .${cls}{color:${colour}}`);
  const darkRules = [...darkMap].map(([colour, cls]) => `.hl .${cls}{color:${colour}}`).join("");
  rules.push(`:root[data-theme="dark"] ${darkRules.replaceAll("}.hl", "}:root[data-theme=\"dark\"] .hl")}`);
  rules.push(
    `@media (prefers-color-scheme: dark){:root:not([data-theme="light"]) ${darkRules.replaceAll(
      "}.hl",
      "}:root:not([data-theme=\"light\"]) .hl",
    )}}`,
  );
  rules.push(".hl .fi{font-style:italic}.hl .fb{font-weight:600}.hl .fu{text-decoration:underline}");
  return { light: lightMap, dark: darkMap, css: rules.join("\n") };
}
