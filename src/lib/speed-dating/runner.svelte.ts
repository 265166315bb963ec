// The tablet's session runner without rendering: the session document held in memory and saved to
// the device after every change, the clock that drives the countdown, planning of the next round,
// and the end of a round (alarm, meetings recorded). A reload reads the document back and resumes.

import { EventCheckins } from '../checkin/event-checkins.svelte';
import {
	addPerson,
	currentRound,
	draftRound,
	endRound,
	finishSession,
	markLeft,
	meetingsOfRound,
	needsPlan,
	newSession,
	nextRoundNumber,
	pairsMetBefore,
	pauseRound,
	phaseOf,
	remainingMs,
	resumeRound,
	roundInput,
	type SdSession,
	type SessionSettings,
	sessionId,
	startRound,
	togglePair,
	withPlan,
	withSettings,
} from '../domain';
import { DEFAULT_WEIGHTS, type Participant, pairScores, planRound } from '../domain/pairing';
import { m } from '../i18n';
import { tables } from '../local/db';
import { getDoc, saveDoc } from '../sync/docs';
import { ringEndOfRound, unlockSound } from './alarm';
import { reasonOf, recordMeetings } from './records';
import { participantsOf, type Seat, seatsFromCheckins } from './seats';

const TICK_MS = 250;

export class Runner extends EventCheckins {
	session = $state.raw<SdSession | null>(null);
	loaded = $state(false);
	now = $state(Date.now());
	error = $state<string | null>(null);
	/** What the pairing said about the last plan (locks it could not honour…). */
	notes = $state<string[]>([]);
	phase = $derived(this.session ? phaseOf(this.session) : 'setup');
	round = $derived(this.session ? currentRound(this.session) : undefined);
	draft = $derived(this.session ? draftRound(this.session) : undefined);
	remaining = $derived(this.round ? remainingMs(this.round, this.now) : 0);
	#rev: string | undefined;
	#saving: Promise<void> = Promise.resolve();
	#scores: { key: string; scores: Map<string, number> } | null = null;

	constructor(eventId: () => string) {
		super(eventId);
		$effect(() => {
			const id = sessionId(eventId());
			this.#load(id);
		});
		$effect(() => {
			const timer = setInterval(() => {
				this.now = Date.now();
				if (this.phase === 'running' && this.remaining <= 0 && !this.round?.pausedAt) void this.#timeUp();
			}, TICK_MS);
			return () => clearInterval(timer);
		});
	}

	async #load(id: string): Promise<void> {
		const stored = await getDoc<SdSession>(id);
		this.#rev = stored?._rev;
		this.session = stored;
		this.loaded = true;
		if (stored && phaseOf(stored) === 'running' && remainingMs(currentRound(stored)!, Date.now()) <= 0)
			await this.#timeUp(false);
	}

	/** Keeps the change in memory at once and writes it to the device, one write after the other. */
	async #commit(next: SdSession): Promise<void> {
		this.session = next;
		this.#saving = this.#saving.then(async () => {
			const latest = this.session;
			if (!latest) return;
			try {
				const saved = await saveDoc({ ...latest, _rev: this.#rev });
				this.#rev = saved._rev;
				this.error = null;
			} catch (err) {
				this.error = m.speed_dating_save_failed({ reason: reasonOf(err) });
			}
		});
		await this.#saving;
	}

	async #change(update: (s: SdSession) => SdSession): Promise<void> {
		if (!this.session) return;
		const next = update(this.session);
		if (next === this.session) return;
		await this.#commit(next);
		await this.#planIfNeeded();
	}

	/** Creates the session with everyone checked in so far. */
	async create(): Promise<void> {
		const event = this.event.current;
		if (!event || this.session) return;
		const seats = await seatsFromCheckins(this.checkins.current);
		await this.#commit(newSession(event._id, seats, new Date().toISOString()));
		await this.#planIfNeeded();
	}

	/** Plans the next round when its tables are missing (after an arrival, a departure, a lock…). */
	async #planIfNeeded(force = false): Promise<void> {
		const s = this.session;
		if (!s || (!needsPlan(s) && !force)) return;
		if (phaseOf(s) === 'running' || phaseOf(s) === 'done' || nextRoundNumber(s) > s.settings.rounds) return;
		const participants = await participantsOf(s.people);
		const plan = planRound(roundInput(s, participants, await this.#scoresFor(participants)));
		// Someone arrived or left while the pairing ran: plan again for the room as it is now.
		if (this.session !== s) return this.#planIfNeeded(force);
		this.notes = plan.notes ?? [];
		await this.#commit(withPlan(s, plan));
	}

	async #scoresFor(participants: Participant[]): Promise<Map<string, number>> {
		const key = participants.map((p) => p.id).join(',');
		if (this.#scores?.key === key) return this.#scores.scores;
		const met = await tables.meetings.toArray();
		const history = pairsMetBefore(met, this.eventId());
		const scores = pairScores(participants, DEFAULT_WEIGHTS, history);
		this.#scores = { key, scores };
		return scores;
	}

	replan = () => this.#planIfNeeded(true);
	settings = (settings: SessionSettings) => this.#change((s) => withSettings(s, settings));
	arrive = (seat: Seat) => this.#change((s) => addPerson(s, seat));
	leave = (id: string) => this.#change((s) => markLeft(s, id));
	toggle = (a: string, b: string, kind: 'locked' | 'forbidden') =>
		this.#change((s) => togglePair(s, a, b, kind));
	pause = () => this.#change((s) => pauseRound(s, new Date().toISOString()));
	resume = () => this.#change((s) => resumeRound(s, new Date().toISOString()));

	/** "Tour suivant": starts the planned round (sound is unlocked by this very tap). */
	async start(): Promise<void> {
		unlockSound();
		this.now = Date.now();
		await this.#change((s) => startRound(s, new Date().toISOString()));
	}

	/** Ends the round now (before its time), as when its time runs out but without the alarm. */
	endNow = () => this.#end();

	finish = async () => {
		await this.#end();
		await this.#change((s) => finishSession(s, new Date().toISOString()));
	};

	#ending = false;
	#rang: number | undefined;

	async #timeUp(ring = true): Promise<void> {
		if (this.#ending || this.#rang === this.round?.number) return;
		this.#rang = this.round?.number;
		if (ring) ringEndOfRound();
		await this.#end();
	}

	async #end(): Promise<void> {
		if (this.#ending) return;
		this.#ending = true;
		try {
			const event = this.event.current ?? (await tables.events.get(this.eventId()));
			if (!this.session || phaseOf(this.session) !== 'running' || !event) return;
			const now = new Date().toISOString();
			const ended = endRound(this.session, now);
			const round = currentRound(ended);
			await this.#commit(ended);
			// The next tables first: the room waits for them, the meetings can be written after.
			await this.#planIfNeeded();
			if (round) await recordMeetings(meetingsOfRound(ended, round, event, now));
		} catch (err) {
			this.error = m.speed_dating_end_failed({ reason: reasonOf(err) });
		} finally {
			this.#ending = false;
		}
	}
}
