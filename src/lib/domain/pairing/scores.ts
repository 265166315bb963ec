// The score of each pair of participants: how well one's offers answer the other's needs and the
// reverse (French terms and thesaurus phrases, weighted so that words everyone uses count little),
// plus bonuses for different sectors and nearby communes, minus a penalty for pairs met before.
import { sharedTier, type Tier } from '../geo';
import { analyze, termOf, words } from '../search/analyzer';
import { expand } from '../search/thesaurus';
import { pairKey } from './keys';
import type { PairingProfile, PairingWeights, PairKey, Participant } from './types';

/** Complementarity ranges 0…2 (one fit each way, each 0…1) and is multiplied by this: 0…20 points. */
export const COMPLEMENTARITY_POINTS = 10;

export const DEFAULT_WEIGHTS: PairingWeights = { differentSectors: 0.5, nearby: 1, metBefore: 40 };

/** A close term of the thesaurus counts half a word actually written (as in the search engine). */
const THESAURUS_SHARE = 0.5;
/** Words of every ad, offer or request alike: they say nothing of what is offered or needed. */
const AD_TERMS = new Set(
	analyze(
		'recherche recherchons cherche cherchons propose proposons offre offrons besoin besoins ' +
			'disponible disponibles possible structure structures nouveau nouvelle',
	),
);
const TIER_CLOSENESS: Record<Tier, number> = { commune: 1, epci: 0.6, department: 0.25, region: 0 };

type Features = Map<string, number>;

/** Stemming is what costs: each word is analysed once per scoring. */
type TermCache = Map<string, string | null>;

function termsOf(text: string, cache: TermCache): string[] {
	const terms: string[] = [];
	for (const word of words(text)) {
		let term = cache.get(word);
		if (term === undefined) {
			term = termOf(word);
			cache.set(word, term && !AD_TERMS.has(term) ? term : null);
			term = cache.get(word) ?? null;
		}
		if (term) terms.push(term);
	}
	return terms;
}

/** The features of a text: its terms, its thesaurus phrases, and their close phrases (half weight). */
export function featuresOf(text: string, cache: TermCache = new Map()): Features {
	const terms = termsOf(text, cache);
	const features: Features = new Map();
	const add = (key: string, weight: number) => features.set(key, Math.max(features.get(key) ?? 0, weight));
	for (const term of terms) add(term, 1);
	for (const { start, length, alternatives } of expand(terms)) {
		if (length > 1) add(terms.slice(start, start + length).join(' '), 1);
		for (const phrase of alternatives) add(phrase.join(' '), THESAURUS_SHARE);
	}
	return features;
}

function sideTexts(profile: PairingProfile, kind: 'offer' | 'request'): string {
	const own = kind === 'offer' ? profile.offers : profile.needs;
	const listings = (profile.listings ?? []).filter((l) => l.kind === kind);
	return [own ?? '', ...listings.map((l) => `${l.title}. ${l.text ?? ''}`)].join('\n');
}

/** A sparse vector: feature numbers in increasing order, their weights (× rarity), and its length. */
interface Vector {
	ids: Int32Array;
	weights: Float64Array;
	norm: number;
}

function weigh(features: Features, rarity: Map<string, { id: number; rarity: number }>): Vector {
	const entries = [...features]
		.map(([key, w]) => {
			const f = rarity.get(key) ?? { id: -1, rarity: 0 };
			return { id: f.id, weight: w * f.rarity };
		})
		.sort((a, b) => a.id - b.id);
	const weights = Float64Array.from(entries, (e) => e.weight);
	return {
		ids: Int32Array.from(entries, (e) => e.id),
		weights,
		norm: Math.sqrt(weights.reduce((sum, x) => sum + x * x, 0)),
	};
}

/** How well one side answers the other, 0…1: the cosine of the two sides, features weighed by rarity. */
function answers(a: Vector, b: Vector): number {
	if (a.norm === 0 || b.norm === 0) return 0;
	let dot = 0;
	let i = 0;
	let j = 0;
	while (i < a.ids.length && j < b.ids.length) {
		if (a.ids[i] < b.ids[j]) i++;
		else if (a.ids[i] > b.ids[j]) j++;
		else dot += a.weights[i++] * b.weights[j++];
	}
	return dot / (a.norm * b.norm);
}

/** Rarity over the participants, 0…1: inverse document frequency divided by that of a feature one has. */
function rarityOf(
	sides: { offers: Features; needs: Features }[],
): Map<string, { id: number; rarity: number }> {
	const df = new Map<string, number>();
	for (const { offers, needs } of sides)
		for (const key of new Set([...offers.keys(), ...needs.keys()])) df.set(key, (df.get(key) ?? 0) + 1);
	const n = sides.length;
	const top = Math.log(1 + n);
	return new Map([...df].map(([key, count], id) => [key, { id, rarity: Math.log(1 + n / count) / top }]));
}

/** The bonuses that do not depend on texts: different sectors, nearby communes. */
function bonus(a: PairingProfile, b: PairingProfile, weights: PairingWeights): number {
	let points = 0;
	if (a.sectors?.length && b.sectors?.length && !a.sectors.some((s) => b.sectors?.includes(s)))
		points += weights.differentSectors;
	if (a.commune && b.commune) points += weights.nearby * TIER_CLOSENESS[sharedTier(a.commune, b.commune)];
	return points;
}

/** The score of every pair of participants (symmetric), keyed by `pairKey`. */
export function pairScores(
	participants: readonly Participant[],
	weights: PairingWeights = DEFAULT_WEIGHTS,
	history: Iterable<PairKey> = [],
): Map<PairKey, number> {
	const cache: TermCache = new Map();
	const sides = participants.map((p) => ({
		offers: featuresOf(sideTexts(p.profile, 'offer'), cache),
		needs: featuresOf(sideTexts(p.profile, 'request'), cache),
	}));
	const rarity = rarityOf(sides);
	const vectors = sides.map((s) => ({ offers: weigh(s.offers, rarity), needs: weigh(s.needs, rarity) }));
	const metBefore = new Set(history);
	const scores = new Map<PairKey, number>();
	for (let i = 0; i < participants.length; i++) {
		for (let j = i + 1; j < participants.length; j++) {
			const a = participants[i];
			const b = participants[j];
			const key = pairKey(a.id, b.id);
			const both =
				answers(vectors[i].offers, vectors[j].needs) + answers(vectors[j].offers, vectors[i].needs);
			let score = COMPLEMENTARITY_POINTS * both + bonus(a.profile, b.profile, weights);
			if (metBefore.has(key)) score -= weights.metBefore;
			scores.set(key, score);
		}
	}
	return scores;
}
