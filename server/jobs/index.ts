// The server's periodic jobs, started by main.ts: listings past their end date marked expired,
// owners reminded a few days before, and notices e-mailed (also shortly after one is written).
/// <reference types="pouchdb-core" />
import { sendSearchDigests } from '../alerts';
import type { Couch } from '../couch/context';
import type { Mailer } from '../mail';
import { sweepExports } from '../privacy';
import type { JobContext } from './context';
import { expireListings, remindOwners } from './expiry';
import { mailNotices } from './notice-mail';
import { type Scheduler, startScheduler } from './scheduler';
import { StoreWatch } from './watch';

export interface JobsOptions {
	couch: Couch;
	accounts: PouchDB.Database;
	mailer: Mailer;
	intervalMs: number;
	reminderDays: number;
	publicUrl?: string;
	/** DATA_DIR, whose exports/ archives (RGPD) are deleted once their link expired. */
	exportsDataDir?: string;
	now?: () => Date;
	warn?: (message: string) => void;
}

export interface Jobs extends Scheduler {
	/** Waits until every notice written so far is e-mailed (or failed). */
	mailed(): Promise<void>;
}

/** A notice written (by staff or a job) is e-mailed after this short pause, with any others. */
const MAIL_DELAY_MS = 1_000;

export function startJobs(opts: JobsOptions): Jobs {
	const ctx: JobContext = {
		couch: opts.couch,
		accounts: opts.accounts,
		mailer: opts.mailer,
		watch: new StoreWatch(opts.couch.db),
		reminderDays: opts.reminderDays,
		publicUrl: opts.publicUrl,
		now: opts.now ?? (() => new Date()),
		warn: opts.warn ?? ((message) => console.warn(message)),
	};
	const scheduler = startScheduler(
		[
			{ name: 'expiry', run: async () => void (await expireListings(ctx)) },
			{ name: 'reminders', run: async () => void (await remindOwners(ctx)) },
			{ name: 'mail', run: async () => void (await mailNotices(ctx)) },
			// Saved-search digests: each account at most once a day, however often the jobs run.
			{ name: 'digests', run: async () => void (await sendSearchDigests({ ...ctx, db: ctx.couch.db })) },
			{
				name: 'exports',
				run: async () => {
					if (opts.exportsDataDir) await sweepExports(ctx.accounts, opts.exportsDataDir, ctx.now().getTime());
				},
			},
		],
		opts.intervalMs,
		ctx.warn,
	);
	let timer: ReturnType<typeof setTimeout> | undefined;
	let nextMail: Promise<void> = Promise.resolve();
	// After any write the audience index takes in (a notice among them, maybe), a mail run soon: it
	// only reads the changes since the last run, so a run with no new notice costs little.
	const off = opts.couch.index.onChange(() => {
		if (timer) return;
		nextMail = new Promise((done) => {
			timer = setTimeout(() => {
				timer = undefined;
				scheduler.poke('mail').then(done, done);
			}, MAIL_DELAY_MS);
		});
	});

	return {
		...scheduler,
		mailed: async () => {
			await nextMail;
			await scheduler.poke('mail');
		},
		stop: async () => {
			off();
			clearTimeout(timer);
			await scheduler.stop();
		},
	};
}
