// Rendered at build time too, so the noindex meta is in the static HTML; MapLibre starts in onMount.
export const ssr = true;
