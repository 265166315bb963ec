// What a new password must be: 10 characters at least, and not guessable — a common password, a
// word of the dictionaries, a keyboard walk, a date, the person's own name or e-mail — as zxcvbn
// estimates it (score 3 of 4 at least: beyond ~10⁸ guesses). Checked on the server for every
// password set (invitation, reset, change, sign-up, CLI); the app shows the French reason it gets.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as fr from '@zxcvbn-ts/language-fr';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 1024;
const MIN_SCORE = 3;
/** zxcvbn's cost grows with the length; beyond this, only the first characters are estimated. */
const ESTIMATED_LENGTH = 100;

let factory: ZxcvbnFactory | undefined;
const estimator = () => {
	factory ??= new ZxcvbnFactory({
		dictionary: { ...common.dictionary, ...fr.dictionary },
		graphs: common.adjacencyGraphs,
		translations: fr.translations,
	});
	return factory;
};

/** The French reason `password` is refused, or null when it is good enough. */
export function passwordProblem(password: unknown, personal: string[] = []): string | null {
	if (typeof password !== 'string' || password.length === 0) return 'Mot de passe obligatoire.';
	if ([...password].length < MIN_PASSWORD_LENGTH)
		return `Mot de passe trop court : ${MIN_PASSWORD_LENGTH} caractères au moins.`;
	if (password.length > MAX_PASSWORD_LENGTH) return 'Mot de passe trop long.';
	// The person's own words (name, e-mail and its parts) count as a dictionary of their own.
	// With and without accents, whole (an e-mail's name part) and word by word.
	const plain = (w: string) => w.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
	const words = personal
		.flatMap((w) => [plain(w.split('@')[0]), ...plain(w).split(/[^\p{L}\p{N}]+/u)])
		.filter((w) => w.length >= 3);
	const { score } = estimator().check(password.slice(0, ESTIMATED_LENGTH), words);
	if (score >= MIN_SCORE) return null;
	return 'Mot de passe trop facile à deviner (mot courant, nom, date ou suite de touches) : ajoutez des mots ou des caractères sans lien entre eux.';
}
