// A real SMTP server on 127.0.0.1 (smtp-server) that keeps what it receives, with a small MIME
// reader so tests assert the decoded subject and bodies rather than the wire encoding.
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
	from: string;
	to: string[];
	raw: string;
	parsed: { subject: string; headers: Record<string, string>; text: string; html: string };
}

export interface TestSmtp {
	/** An SMTP_URL for the mailer. */
	url: string;
	messages: ReceivedMail[];
	/** Resolves once `count` messages have arrived. */
	waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
	close(): Promise<void>;
}

/** Starts the server; recipients matching `refuse` get a 550. */
export async function startSmtp(opts: { refuse?: RegExp } = {}): Promise<TestSmtp> {
	const messages: ReceivedMail[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onRcptTo(address, _session, callback) {
			if (opts.refuse?.test(address.address)) return callback(new Error('Destinataire refusé'));
			callback();
		},
		onData(stream, session, callback) {
			const chunks: Uint8Array[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(new Uint8Array(chunk)));
			stream.on('end', () => {
				const raw = Buffer.concat(chunks).toString('utf8');
				const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
				messages.push({
					from,
					to: session.envelope.rcptTo.map((r) => r.address),
					raw,
					parsed: parseMail(raw),
				});
				callback();
			});
		},
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const { port } = server.server.address() as { port: number };
	return {
		url: `smtp://127.0.0.1:${port}`,
		messages,
		async waitFor(count, timeoutMs = 10_000) {
			const end = Date.now() + timeoutMs;
			while (messages.length < count) {
				if (Date.now() > end) throw new Error(`${messages.length} message(s) reçus sur ${count} attendus`);
				await new Promise((r) => setTimeout(r, 25));
			}
			return messages;
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

function splitHead(raw: string): { headers: Record<string, string>; body: string } {
	const at = raw.search(/\r?\n\r?\n/);
	const head = at < 0 ? raw : raw.slice(0, at);
	const body = at < 0 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/, '');
	const headers: Record<string, string> = {};
	for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
		const colon = line.indexOf(':');
		if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
	}
	return { headers, body };
}

const decodeWords = (value: string) =>
	value
		.replace(/\?=\s+=\?/g, '?==?')
		.replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, data: string) =>
			enc.toLowerCase() === 'b'
				? Buffer.from(data, 'base64').toString('utf8')
				: decodeQuotedPrintable(data.replace(/_/g, ' ')),
		);

function decodeQuotedPrintable(s: string): string {
	const bytes = s
		.replace(/=\r?\n/g, '')
		.replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => `%${hex}`)
		.replace(/%(?![0-9A-F]{2})/gi, '%25');
	return decodeURIComponent(bytes.replace(/[^%\w.~-]/g, (c) => encodeURIComponent(c)));
}

function decodeBody(headers: Record<string, string>, body: string): string {
	const encoding = (headers['content-transfer-encoding'] ?? '').toLowerCase();
	if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
	if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
	return body;
}

export function parseMail(raw: string): ReceivedMail['parsed'] {
	const { headers, body } = splitHead(raw);
	const out = { subject: decodeWords(headers.subject ?? ''), headers, text: '', html: '' };
	const parts = (h: Record<string, string>, b: string) => {
		const boundary = /boundary="?([^";]+)"?/i.exec(h['content-type'] ?? '')?.[1];
		if (!boundary) {
			const html = /text\/html/i.test(h['content-type'] ?? '');
			out[html ? 'html' : 'text'] += decodeBody(h, b);
			return;
		}
		for (const chunk of b.split(`--${boundary}`).slice(1)) {
			if (chunk.startsWith('--')) break;
			const part = splitHead(chunk.replace(/^\r?\n/, ''));
			parts(part.headers, part.body);
		}
	};
	parts(headers, body);
	return out;
}
