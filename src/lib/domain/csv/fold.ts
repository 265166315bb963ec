// Folding of what people type in spreadsheets (headers, communes, labels) so that case, accents,
// ligatures, apostrophes and punctuation never decide whether two words are the same.

/** "Statut d’Adhésion" → "statut d adhesion"; "Œuvre" → "oeuvre". */
export function fold(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/œ/g, 'oe')
		.replace(/æ/g, 'ae')
		.replace(/[^a-z0-9+]+/g, ' ')
		.trim();
}
