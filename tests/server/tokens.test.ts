// Single-use links and the password policy, on a real PouchDB store: a token works once, for its
// purpose only, until it expires or is revoked; guessable passwords are refused with a reason.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../../server/auth/password-policy';
import { issueToken, readToken, revokeTokens, TokenError, useToken } from '../../server/auth/tokens';
import { Client } from './helpers';

const HOUR = 3600 * 1000;
const store = () => new Client(`accounts-${randomUUID()}`, { adapter: 'memory' });
const problemOf = (err: unknown) => (err instanceof TokenError ? err.problem : String(err));

describe('single-use tokens', () => {
	it('works once, for its purpose, until it expires', async () => {
		const accounts = store();
		const now = Date.parse('2026-12-01T10:00:00Z');
		const token = await issueToken(accounts, {
			purpose: 'reset',
			account: 'account:lea@pioche.test',
			ttlMs: HOUR / 2,
			now,
		});
		// Only the hash is kept: the secret is nowhere in the store.
		const { rows } = await accounts.allDocs({ include_docs: true });
		expect(JSON.stringify(rows)).not.toContain(token);

		expect(await readToken(accounts, { token, purpose: 'invitation', now }).catch(problemOf)).toBe('unknown');
		expect(
			await readToken(accounts, { token: `${token.slice(0, -1)}A`, purpose: 'reset', now }).catch(problemOf),
		).toBe('unknown');
		expect(await readToken(accounts, { token: '../../etc', purpose: 'reset', now }).catch(problemOf)).toBe(
			'unknown',
		);
		expect(await readToken(accounts, { token, purpose: 'reset', now: now + HOUR }).catch(problemOf)).toBe(
			'expired',
		);

		const used = await useToken(accounts, { token, purpose: 'reset', now: now + 60_000 });
		expect(used.account).toBe('account:lea@pioche.test');
		expect(await useToken(accounts, { token, purpose: 'reset', now: now + 120_000 }).catch(problemOf)).toBe(
			'used',
		);
	});

	it('two uses at once: one wins, the other is told the link was used', async () => {
		const accounts = store();
		const token = await issueToken(accounts, {
			purpose: 'invitation',
			account: 'account:a@b.test',
			ttlMs: HOUR,
		});
		const outcomes = await Promise.all(
			[1, 2, 3].map(() =>
				useToken(accounts, { token, purpose: 'invitation' }).then(
					() => 'ok',
					(err) => problemOf(err),
				),
			),
		);
		expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
		expect(outcomes.filter((o) => o === 'used')).toHaveLength(2);
	});

	it('revoking leaves other accounts’ and other purposes’ tokens alone', async () => {
		const accounts = store();
		const mine = await issueToken(accounts, {
			purpose: 'invitation',
			account: 'account:a@b.test',
			ttlMs: HOUR,
		});
		const reset = await issueToken(accounts, { purpose: 'reset', account: 'account:a@b.test', ttlMs: HOUR });
		const theirs = await issueToken(accounts, {
			purpose: 'invitation',
			account: 'account:c@d.test',
			ttlMs: HOUR,
		});
		expect(await revokeTokens(accounts, 'account:a@b.test', 'invitation')).toBe(1);
		expect(await readToken(accounts, { token: mine, purpose: 'invitation' }).catch(problemOf)).toBe(
			'revoked',
		);
		expect((await readToken(accounts, { token: reset, purpose: 'reset' })).account).toBe('account:a@b.test');
		expect((await readToken(accounts, { token: theirs, purpose: 'invitation' })).account).toBe(
			'account:c@d.test',
		);
	});
});

describe('password policy', () => {
	it.each([
		['', 'obligatoire'],
		['court123', 'trop court'],
		['motdepasse123', 'trop facile'],
		['azertyuiop', 'trop facile'],
		['0123456789', 'trop facile'],
		['lea.martin1990', 'trop facile'],
	])('refuses %j (%s)', (password, reason) => {
		expect(passwordProblem(password, ['Léa Martin', 'lea.martin@pioche.test'])).toContain(reason);
	});

	it('accepts a sentence or unrelated words', () => {
		expect(passwordProblem('vélo rouge sous la pluie d’Arras')).toBeNull();
		expect(passwordProblem('Grenouille-Tracteur-47-Cidre')).toBeNull();
	});
});
