// The attackers of bench:auth, in their own process so their requests do not slow the visitor's
// own client: 16 loops of failed sign-ins with random e-mails, each from the bench's one address or
// from a random address written in X-Forwarded-For. Started by auth.ts with <server url>.
import { randomBytes } from 'node:crypto';
import { failChild, serveParent } from './ipc';

const FLOODERS = 16;

const randomAddress = () => `10.${[...randomBytes(3)].join('.')}`;

/** One attacker, back to back until `until`; counts the answers by status. */
async function attacker(
	base: string,
	until: number,
	manyAddresses: boolean,
	answers: Record<string, number>,
) {
	while (performance.now() < until) {
		const headers: Record<string, string> = { 'content-type': 'application/json' };
		if (manyAddresses) headers['x-forwarded-for'] = randomAddress();
		const email = `${randomBytes(6).toString('hex')}@example.org`;
		let status = 'error';
		try {
			const res = await fetch(`${base}/api/session`, {
				method: 'POST',
				headers,
				body: JSON.stringify({ email, password: 'not-the-password' }),
			});
			await res.arrayBuffer();
			status = String(res.status);
		} catch {
			// counted as an error
		}
		answers[status] = (answers[status] ?? 0) + 1;
	}
}

function main(): void {
	const [base] = process.argv.slice(2);
	serveParent(FLOODERS, {
		flood: async ({ seconds, many }) => {
			const answers: Record<string, number> = {};
			const until = performance.now() + Number(seconds) * 1000;
			await Promise.all(
				Array.from({ length: FLOODERS }, () => attacker(base, until, many === true, answers)),
			);
			return answers;
		},
		close: () => true,
	});
}

try {
	main();
} catch (err) {
	failChild(err);
}
