// The official numbers a structure signs up with: a SIRET (14 digits, Luhn checksum; La Poste's
// establishments, SIREN 356000000, use instead the rule "sum of the digits divisible by 5", except
// its head office 356 000 000 00048 which is Luhn-valid) or, for an association without one, an RNA
// number (W and 9 digits; it has no checksum, so its format alone is checked). Pure: app and server.

export type IdentifierKind = 'siret' | 'rna';

/** Why a number is refused: empty, neither a SIRET nor an RNA number, or a SIRET whose checksum fails. */
export type IdentifierProblem = 'empty' | 'format' | 'checksum';

export type IdentifierCheck =
	| { ok: true; kind: IdentifierKind; value: string }
	| { ok: false; problem: IdentifierProblem };

/** La Poste's SIREN, whose establishments follow the sum-divisible-by-5 rule. */
export const LA_POSTE_SIREN = '356000000';
const LA_POSTE_HEAD_OFFICE = '35600000000048';

/** The number as it is kept: spaces, dots and dashes dropped, letters in upper case. */
export function normaliseIdentifier(text: string): string {
	return text.replace(/[\s.-]/g, '').toUpperCase();
}

/** Luhn: from the right, every second digit doubled (minus 9 above 9); the sum ends in 0. */
export function luhnValid(digits: string): boolean {
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		let d = digits.charCodeAt(digits.length - 1 - i) - 48;
		if (i % 2 === 1) {
			d *= 2;
			if (d > 9) d -= 9;
		}
		sum += d;
	}
	return sum % 10 === 0;
}

export function siretValid(siret: string): boolean {
	if (!/^\d{14}$/.test(siret)) return false;
	if (siret.startsWith(LA_POSTE_SIREN) && siret !== LA_POSTE_HEAD_OFFICE) {
		let sum = 0;
		for (const ch of siret) sum += ch.charCodeAt(0) - 48;
		return sum % 5 === 0;
	}
	return luhnValid(siret);
}

export function rnaValid(rna: string): boolean {
	return /^W\d{9}$/.test(rna);
}

/** Reads a SIRET or an RNA number as typed (spaces allowed). */
export function checkIdentifier(text: string): IdentifierCheck {
	const value = normaliseIdentifier(text);
	if (!value) return { ok: false, problem: 'empty' };
	if (/^\d{14}$/.test(value))
		return siretValid(value) ? { ok: true, kind: 'siret', value } : { ok: false, problem: 'checksum' };
	if (rnaValid(value)) return { ok: true, kind: 'rna', value };
	return { ok: false, problem: 'format' };
}

/** The same refusals in the server's words (French, like the domain's other reasons). */
export const IDENTIFIER_REASONS: Record<IdentifierProblem, string> = {
	empty: 'SIRET ou numéro RNA obligatoire.',
	format:
		'SIRET ou RNA non reconnu : un SIRET compte 14 chiffres, un numéro RNA s’écrit W suivi de 9 chiffres.',
	checksum:
		'Ce SIRET n’est pas valide : un chiffre est sans doute mal recopié (vérifiez-le sur votre avis de situation INSEE).',
};
