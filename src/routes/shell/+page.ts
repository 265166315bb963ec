// The app shell, rendered once at build time with no JavaScript of its own: the layout's header,
// navigation and footer as HTML and CSS. scripts/shell-html.mjs puts it into the page every route
// falls back to (build/index.html), so it paints before the app's JavaScript has run.
export const prerender = true;
export const ssr = true;
export const csr = false;
