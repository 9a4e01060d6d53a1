// A static site: the shell is prerendered and the map runs in the browser (WebGL).
export const prerender = true;
export const ssr = false;
