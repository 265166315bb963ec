// The contract between the speed-dating pairing (pure code, this folder) and the session runner
// (the tablet screen): who takes part, what we know of them, and what one round looks like.

/** Someone at a table: a structure present at the session (or a walk-in with no structure). */
export interface Participant {
	/** Stable within the series: the structure id (`structure:…`), or `walkin:<key>` for a walk-in. */
	id: string;
	name: string;
	/** What the pairing knows of them; all optional, a walk-in may have only a name. */
	profile: PairingProfile;
}

export interface PairingProfile {
	sectors?: string[];
	/** INSEE code of the commune. */
	commune?: string;
	/** "What we can offer the network" and "what we are looking for" from the directory. */
	offers?: string;
	needs?: string;
	/** Their open listings: offers answer the other side's requests and the reverse. */
	listings?: { kind: 'offer' | 'request'; title: string; text?: string }[];
}

export interface PairingWeights {
	/** Bonus when the two share no sector (different worlds meet). */
	differentSectors: number;
	/** Bonus when the two are close (same commune, intercommunality or department, graded). */
	nearby: number;
	/** Penalty for a pair that already met at an earlier session of the series. */
	metBefore: number;
}

/** An unordered pair, written `a|b` with a < b, so that it can key a Set or a Map. */
export type PairKey = string;

export interface RoundSettings {
	/** 2 by default; 3 puts everyone at tables of three (as far as the count allows). */
	tableSize: 2 | 3;
	/** With an odd count at tables of two: one table of three, or one person on a break (rotating). */
	odd: 'table-of-3' | 'break';
}

export interface RoundInput {
	/** The people present for this round (late arrivals in, early leavers out). */
	participants: Participant[];
	/** Score of each pair (see `pairScores`); pairs missing count 0. */
	scores: Map<PairKey, number>;
	/** Pairs that already met in THIS session: never again in this session. */
	metThisSession: Set<PairKey>;
	/** How many times each participant sat out in this session (fairness of breaks). */
	breaks: Map<string, number>;
	/** Pairs the animator wants together this round, and pairs they never want together. */
	locked: PairKey[];
	forbidden: PairKey[];
	settings: RoundSettings;
}

export interface RoundPlan {
	/** Each table holds 2 or 3 participant ids; table numbers are index + 1. */
	tables: string[][];
	/** Who sits this round out (a break). */
	sittingOut: string[];
	/** Sum of the pair scores at the tables (each pair at a table of three counts). */
	score: number;
	/** For the animator, in French: a lock not honoured, someone no table could take, a break out of turn. */
	notes?: string[];
}

/** Several rounds planned ahead with the same participants (`planSession`). */
export interface SessionPlan {
	rounds: RoundPlan[];
	/** Sum of the rounds' scores. */
	score: number;
}
