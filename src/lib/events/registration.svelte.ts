// The state of the "Inscription" block of an event page, without rendering: the registrations this
// device holds, the signed-in structure's team and its own registrations, places as the server counts
// them (refreshed after each sync) or as the host counts them here, and registering or cancelling.
import { type ElbEvent, type Person, placesOf, type Registration } from '../domain';
import { m } from '../i18n';
import type { Row } from '../local/db';
import { session } from '../session.svelte';
import { syncStatus } from '../sync/status.svelte';
import { saveFailure } from '../ui/errors';
import { Live } from '../ui/live.svelte';
import { savedOffline } from '../ui/offline';
import { standingText } from './format';
import { runsEvent } from './host';
import { personOfAccount, type RegistrationRow, registrationsOf, structureNames, teamOf } from './queries';
import {
	cancel as cancelRegistration,
	fetchPlaces,
	mergeConflicts,
	type PlacesAnswer,
	register,
} from './registering';

export class RegistrationState {
	readonly #event: () => ElbEvent;
	readonly rows: Live<RegistrationRow[]>;
	readonly team: Live<Row<Person>[]>;
	/** Names of the registrants' structures, for the host's list. */
	readonly #names: Live<Map<string, string>>;
	chosen = $state('');
	busy = $state(false);
	message = $state('');
	error = $state('');
	places = $state<PlacesAnswer | null>(null);

	structureId = $derived(session.user?.structureId ?? '');
	seesAll = $derived.by(() => runsEvent(session.viewer, this.#event()));
	local = $derived.by(() => placesOf(this.rows.current, this.#event().capacity));
	mine = $derived.by(() =>
		this.rows.current.filter((r) => r.owner === this.structureId && r.status === 'registered'),
	);
	allowed = $derived.by(() => this.#event().audience === 'public' || session.viewer.role !== 'non-member');
	registrable = $derived.by(() =>
		this.team.current.filter((p) => !this.mine.some((r) => r.person === p._id)),
	);
	free = $derived.by(
		() => this.places?.free ?? (this.seesAll && this.#event().capacity ? this.local.free : null),
	);
	waiting = $derived(this.places?.waiting ?? (this.seesAll ? this.local.waiting.length : 0));

	/** Create it while a component initialises: its queries and effects follow `event`. */
	constructor(event: () => ElbEvent) {
		this.#event = event;
		this.rows = new Live(() => registrationsOf(this.#event()._id), []);
		this.team = new Live(() => teamOf(this.structureId), []);
		this.#names = new Live(
			() => structureNames(this.rows.current.flatMap((r) => (r.structure ? [r.structure] : []))),
			new Map<string, string>(),
		);
		// The account's own person first, when the directory knows which one it is.
		$effect(() => {
			const email = session.user?.email;
			const structureId = this.structureId;
			if (!email || !structureId) return;
			personOfAccount(email, structureId).then((me) => {
				if (me && !this.chosen) this.chosen = me._id;
			});
		});
		$effect(() => {
			const { chosen, registrable } = this;
			if (!chosen && registrable.length > 0) this.chosen = registrable[0]._id;
			else if (chosen && !registrable.some((p) => p._id === chosen)) this.chosen = registrable[0]?._id ?? '';
		});
		// Counts come from the server, which sees every registration; refreshed after each sync.
		$effect(() => {
			if (syncStatus.state === 'up-to-date' || syncStatus.state === 'syncing') this.refresh();
		});
		$effect(() => {
			for (const row of this.rows.current)
				if (row._conflicts?.length) mergeConflicts(row._id).catch(console.error);
		});
	}

	refresh = async () => {
		this.places = (await fetchPlaces(this.#event()._id)) ?? this.places;
	};

	/** " (structure) · invité·e" after a registrant's name in the host's list. */
	from(r: { structure?: string; structureName?: string; guest?: true }): string {
		const name = r.structureName ?? (r.structure ? this.#names.current.get(r.structure) : undefined);
		return `${name ? m.events_from_structure({ structure: name }) : ''}${r.guest ? m.events_from_guest() : ''}`;
	}

	/** Where a registration stands: the server's word online, the host's own count, or "to be confirmed". */
	standingOf(id: string): string {
		const server = this.places?.mine.find((m) => m.id === id);
		if (server?.standing) return standingText(server.standing);
		if (this.seesAll) return standingText(this.local.standing.get(id));
		return m.events_standing_pending();
	}

	/** `done` says what was done, `queued` the same when it waits on this device for the network. */
	async #act(run: () => Promise<unknown>, done: () => string, queued: () => string): Promise<void> {
		this.busy = true;
		this.error = '';
		this.message = '';
		try {
			await run();
			this.message = savedOffline() ? queued() : done();
			setTimeout(this.refresh, 1500);
		} catch (err) {
			this.error = saveFailure(err);
		} finally {
			this.busy = false;
		}
	}

	registerChosen(): void {
		const person = this.team.current.find((p) => p._id === this.chosen);
		if (person)
			this.#act(
				() => register(this.#event(), person),
				() => m.events_registered({ name: person.name }),
				() => m.events_registered_offline({ name: person.name }),
			);
	}

	cancel(registration: Registration): void {
		this.#act(
			() => cancelRegistration(registration),
			() => m.events_cancelled({ name: registration.name }),
			() => m.events_cancelled_offline({ name: registration.name }),
		);
	}
}
