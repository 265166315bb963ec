// After `vite build`: the prerendered app shell (build/shell.html: the layout's HTML and its CSS
// links, no script) goes into build/index.html, the page every route falls back to, in place of
// its bare loading block. The layout removes it (#boot) when the app mounts.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

const BUILD = 'build';
const shell = readFileSync(`${BUILD}/shell.html`, 'utf8');
const index = readFileSync(`${BUILD}/index.html`, 'utf8');

const body = shell.match(/<div style="display: contents">([\s\S]*)<\/div>\s*<\/body>/)?.[1];
const boot = /<div id="boot" aria-busy="true">[\s\S]*?<!-- \/boot --><\/div>/;
if (!body || !boot.test(index)) throw new Error('shell-html: app shell or #boot block not found');
// The stylesheets the shell's markup needs (the layout's), unless the page links them already.
const styles = [...shell.matchAll(/<link href="[^"]+\.css" rel="stylesheet">/g)]
	// The shell was rendered at /shell with relative paths: every route needs them from the root.
	.map(([tag]) => tag.replace('href="./', 'href="/'))
	.filter((tag) => !index.includes(tag));

const merged = index
	.replace('</head>', `${styles.join('')}</head>`)
	.replace(boot, `<div id="boot" aria-busy="true">${body.trim()}</div>`);
writeFileSync(`${BUILD}/index.html`, merged);
// The shell is not a page of its own.
rmSync(`${BUILD}/shell.html`);
