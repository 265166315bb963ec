// The message catalogues are complete and the components speak through them:
// - every key of messages/fr/<area>.json is in messages/en/<area>.json and the other way round,
//   and every catalogue file is listed in project.inlang/settings.json;
// - no .svelte component and no UI module of src/lib writes French text literally: template
//   text, user-facing attributes (aria-label, placeholder, title, alt, label) and string
//   literals that read as French.
// Prints what it found, file:line, and exits 1 on any finding. Run by `npm test`.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'svelte/compiler';
import ts from 'typescript';

// I18N_ROOT: another project tree (the check's own test runs it on a small one).
const ROOT = process.env.I18N_ROOT ?? join(import.meta.dirname, '..');
const LOCALES = ['fr', 'en'] as const;
const problems: string[] = [];

// ── Catalogues ──────────────────────────────────────────────────────────────────────────────
const settings = JSON.parse(readFileSync(join(ROOT, 'project.inlang/settings.json'), 'utf8'));
const patterns: string[] = [settings['plugin.inlang.messageFormat'].pathPattern].flat();
const areas = readdirSync(join(ROOT, 'messages/fr')).filter((f) => f.endsWith('.json'));
for (const area of areas) {
	if (!patterns.includes(`./messages/{locale}/${area}`)) {
		problems.push(`messages/fr/${area}: not listed in project.inlang/settings.json`);
	}
	const keys = LOCALES.map((locale) => {
		const file = join(ROOT, 'messages', locale, area);
		try {
			return new Set(Object.keys(JSON.parse(readFileSync(file, 'utf8'))).filter((k) => k !== '$schema'));
		} catch (error) {
			problems.push(`messages/${locale}/${area}: ${(error as Error).message}`);
			return new Set<string>();
		}
	});
	for (const [i, locale] of LOCALES.entries()) {
		const other = LOCALES[1 - i];
		for (const key of keys[i]) {
			if (!keys[1 - i].has(key))
				problems.push(`messages/${other}/${area}: missing « ${key} » (in ${locale})`);
		}
	}
}

// ── Literal French ──────────────────────────────────────────────────────────────────────────
/** Words that make a string French (or at least human prose), accents aside. */
const FRENCH_WORDS =
	/\b(le|la|les|des|une|du|au|aux|pour|avec|sans|vos|votre|vous|nous|aucun|aucune|est|sont|et|ou|sur|dans|par|cette|ce|cet|pas|plus|leur)\b/i;
const ACCENT = /[àâäçéèêëîïôöûùüÿœæÀÂÇÉÈÊÎÔÛŒ]/;
const USER_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'placeholder', 'title', 'alt', 'label']);
/** Not translated: the product's name, network names and symbols. */
const PROPER =
	/^(elBasar|Français|English|APES|ESS|QR|CSV|iCal|OK|SIRET|INSEE|RGPD|e-mail|URL|km|Mo|Ko|min)$/;

function isProse(text: string): boolean {
	const words = text.match(/\p{L}[\p{L}’'-]*/gu)?.filter((w) => !PROPER.test(w)) ?? [];
	return words.length > 0;
}

function readsFrench(text: string): boolean {
	if (!/\p{L}{2}/u.test(text) || !isProse(text)) return false;
	if (
		/^[\w.-]+\/[\w./-]*$/.test(text) ||
		(/^[a-z][\w-]*(\s[a-z][\w-]*)*$/.test(text) && !FRENCH_WORDS.test(text) && !ACCENT.test(text))
	) {
		return false; // paths, ids, class lists, CSS
	}
	return (
		ACCENT.test(text) || (FRENCH_WORDS.test(text) && /\s/.test(text)) || /^[A-ZÉ][a-zé]+(\s|$)/.test(text)
	);
}

function lineOf(source: string, offset: number): number {
	return source.slice(0, offset).split('\n').length;
}

function flag(file: string, source: string, offset: number, text: string) {
	const shown = text.trim().replace(/\s+/g, ' ').slice(0, 60);
	problems.push(`${relative(ROOT, file)}:${lineOf(source, offset)}: literal text « ${shown} »`);
}

type Node = { type?: string; start?: number; [key: string]: unknown };

/** Walks a Svelte or ESTree tree; skips import sources, object keys and `<style>`. */
function walk(
	node: unknown,
	visit: (n: Node, parent: Node | undefined, key: string) => boolean | void,
	parent?: Node,
	key = '',
) {
	if (!node || typeof node !== 'object') return;
	if (Array.isArray(node)) {
		for (const child of node) walk(child, visit, parent, key);
		return;
	}
	const n = node as Node;
	if (n.type && visit(n, parent, key) === false) return;
	for (const [k, child] of Object.entries(n)) {
		if (k === 'loc' || k === 'metadata' || k === 'parent') continue;
		if (child && typeof child === 'object') walk(child, visit, n.type ? n : parent, k);
	}
}

function checkLiteral(file: string, source: string, n: Node, parent: Node | undefined, key: string) {
	if (parent?.type === 'ImportDeclaration' || parent?.type === 'ExportNamedDeclaration') return;
	if (parent?.type === 'Property' && key === 'key') return;
	if (parent?.type === 'CallExpression' && isConsole(parent)) return;
	const value =
		n.type === 'Literal'
			? n.value
			: n.type === 'TemplateElement'
				? (n.value as { cooked: string }).cooked
				: undefined;
	if (typeof value === 'string' && readsFrench(value)) flag(file, source, n.start ?? 0, value);
}

function isConsole(call: Node): boolean {
	const callee = call.callee as Node | undefined;
	return (
		callee?.type === 'MemberExpression' &&
		(callee.object as Node)?.type === 'Identifier' &&
		(callee.object as { name: string }).name === 'console'
	);
}

function checkSvelte(file: string) {
	const source = readFileSync(file, 'utf8');
	const ast = parse(source, { modern: true });
	const visit = (n: Node, parent: Node | undefined, key: string): boolean | void => {
		if (n.type === 'StyleSheet') return false;
		if (n.type === 'Text' && parent?.type !== 'Attribute' && key !== 'value') {
			const data = n.data as string;
			if (isProse(data) && /\p{L}{2}/u.test(data)) flag(file, source, n.start ?? 0, data);
		}
		if (n.type === 'Attribute' && USER_ATTRIBUTES.has(n.name as string) && Array.isArray(n.value)) {
			for (const part of n.value as Node[]) {
				if (part.type === 'Text' && isProse(part.data as string))
					flag(file, source, part.start ?? 0, part.data as string);
			}
		}
		if (n.type === 'Literal' || n.type === 'TemplateElement') checkLiteral(file, source, n, parent, key);
	};
	walk(ast.fragment, visit);
	walk(ast.instance?.content, visit);
	walk(ast.module?.content, visit);
}

function checkModule(file: string) {
	const source = readFileSync(file, 'utf8');
	const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
	const visit = (node: ts.Node) => {
		if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
		if (ts.isCallExpression(node) && node.expression.getText(tree).startsWith('console.')) return;
		if (ts.isPropertyAssignment(node)) {
			visit(node.initializer);
			return;
		}
		if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
			if (readsFrench(node.text)) flag(file, source, node.getStart(tree), node.text);
		} else if (ts.isTemplateExpression(node)) {
			const parts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
			if (readsFrench(parts)) flag(file, source, node.getStart(tree), parts);
		}
		ts.forEachChild(node, visit);
	};
	visit(tree);
}

function filesUnder(dir: string, test: (name: string) => boolean): string[] {
	return readdirSync(dir, { withFileTypes: true, recursive: true })
		.filter((e) => e.isFile() && test(e.name))
		.map((e) => join(e.parentPath, e.name));
}

/** Outside the UI: the domain (shared with the server, French by design), the generated catalogue. */
const NOT_UI = /src\/lib\/(domain|paraglide)\//;
/** Files not converted yet, one path per line; the count is printed so it only goes down. */
const pending = new Set(
	readFileSync(join(ROOT, 'scripts/i18n-pending.txt'), 'utf8')
		.split('\n')
		.map((l) => l.trim())
		.filter((l) => l && !l.startsWith('#')),
);

const components = filesUnder(join(ROOT, 'src'), (n) => n.endsWith('.svelte'));
const modules = filesUnder(join(ROOT, 'src/lib'), (n) => n.endsWith('.ts') && !n.endsWith('.d.ts')).filter(
	(f) => !NOT_UI.test(f),
);
const routeModules = filesUnder(join(ROOT, 'src/routes'), (n) => n.endsWith('.ts'));
for (const file of [...components, ...modules, ...routeModules]) {
	if (pending.has(relative(ROOT, file))) continue;
	if (file.endsWith('.svelte')) checkSvelte(file);
	else checkModule(file);
}
for (const file of pending) {
	if (!components.concat(modules, routeModules).some((f) => relative(ROOT, f) === file)) {
		problems.push(`scripts/i18n-pending.txt: ${file} does not exist (remove the line)`);
	}
}

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
console.log(
	`i18n: ${count(areas.length, 'catalogue')} × ${LOCALES.length} languages, ${count(components.length + modules.length + routeModules.length - pending.size, 'file')} checked, ${pending.size} pending`,
);
if (problems.length > 0) {
	console.error(problems.join('\n'));
	console.error(`\n${count(problems.length, 'problem')}.`);
	process.exitCode = 1;
}
