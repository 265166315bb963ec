// The documents of the shared database and their schemas (valibot). One schema per type;
// `validateDoc` is what the server runs on every write and what forms run before saving.
import * as v from 'valibot';
import { type Checkin, CheckinSchema } from './checkin';
import {
	type Conversation,
	ConversationSchema,
	type Message,
	MessageSchema,
	type Readmark,
	ReadmarkSchema,
} from './conversations';
import { type ElbEvent, EventSchema } from './events';
import { type Favourite, FavouriteSchema } from './favourites';
import { EMPLOYEE_BANDS } from './fees';
import {
	base,
	commune,
	email,
	isoDate,
	isoTimestamp,
	keys,
	phone,
	required,
	structureId,
	text,
	url,
} from './fields';
import { type DocType, typeOfId } from './ids';
import { type Invoice, InvoiceSchema } from './invoices';
import { ListingPhotosSchema } from './media';
import { type CardKey, CardKeySchema } from './member-card';
import { HiddenSchema, hiddenKeepsToOwner, type Report, ReportSchema } from './moderation';
import { type Notice, NoticeSchema } from './notices';
import { type Order, OrderSchema } from './orders';
import { type Proposal, ProposalSchema } from './proposals';
import { type Registration, RegistrationSchema } from './registrations';
import { type SavedSearch, SavedSearchSchema } from './saved-searches';
import { SECTOR_IDS } from './sectors';
import {
	type Followup,
	FollowupSchema,
	type Meeting,
	MeetingSchema,
	type SdSession,
	SdSessionSchema,
} from './speed-dating';

export { AUDIENCES, type Audience, SCHEMA_VERSION } from './fields';

export const LEGAL_FORMS = {
	association: 'Association',
	scop: 'SCOP',
	scic: 'SCIC',
	cooperative: 'Coopérative',
	ues: 'UES',
	sarl: 'SARL / EURL',
	sas: 'SA / SAS',
	fondation: 'Fondation',
	mutuelle: 'Mutuelle',
	individual: 'Personne physique',
} as const;
export type LegalForm = keyof typeof LEGAL_FORMS;

export const LISTING_KINDS = { offer: 'Offre', request: 'Demande' } as const;
export const NATURES = {
	sale: 'Vente ou prestation payante',
	free: 'Gratuit',
	barter: 'Troc',
	loan: 'Prêt',
	gift: 'Don',
	pooling: 'Mutualisation',
	skills: 'Échange de compétences',
	tender: 'Réponse commune à un appel d’offres',
} as const;
export type Nature = keyof typeof NATURES;
export const LISTING_STATUSES = {
	open: 'Ouverte',
	discussion: 'En discussion',
	concluded: 'Conclue',
	withdrawn: 'Retirée',
	expired: 'Expirée',
} as const;
export type ListingStatus = keyof typeof LISTING_STATUSES;

export const MEMBERSHIP_STATUSES = {
	active: 'Adhérent',
	lapsed: 'Adhésion échue',
	none: 'Non adhérent',
} as const;

export const StructureSchema = v.looseObject({
	...base,
	type: v.literal('structure'),
	name: required(120),
	legalForm: v.picklist(keys(LEGAL_FORMS)),
	sectors: v.pipe(v.array(v.picklist(SECTOR_IDS)), v.minLength(1, 'au moins un secteur'), v.maxLength(5)),
	pitch: text(280),
	description: text(5000),
	missions: text(2000),
	offers: text(2000),
	needs: text(2000),
	address: text(200),
	commune,
	website: v.optional(url),
	employees: v.picklist(EMPLOYEE_BANDS),
});

export const PersonSchema = v.looseObject({
	...base,
	type: v.literal('person'),
	structure: structureId,
	name: required(120),
	role: text(120),
});

/** Members-only contact details of one person, kept apart so visitors never receive them. */
export const ContactSchema = v.looseObject({
	...base,
	type: v.literal('contact'),
	person: v.pipe(v.string(), v.startsWith('person:')),
	email: v.optional(email),
	phone: v.optional(phone),
});

export const MembershipSchema = v.looseObject({
	...base,
	type: v.literal('membership'),
	structure: structureId,
	status: v.picklist(keys(MEMBERSHIP_STATUSES)),
	since: v.optional(isoDate),
	paidUntil: v.optional(isoDate),
});

export const ListingSchema = v.pipe(
	v.looseObject({
		...base,
		type: v.literal('listing'),
		kind: v.picklist(keys(LISTING_KINDS)),
		nature: v.picklist(keys(NATURES)),
		sector: v.picklist(SECTOR_IDS),
		title: v.pipe(required(120), v.minLength(3, '3 caractères au moins')),
		text: text(5000),
		commune,
		radiusKm: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(200))),
		price: v.optional(text(120)),
		validFrom: isoDate,
		validUntil: isoDate,
		status: v.picklist(keys(LISTING_STATUSES)),
		featured: v.optional(v.boolean()),
		/** With whom a concluded listing was concluded (feeds the exchange record), and when. */
		concludedWith: v.optional(structureId),
		concludedAt: v.optional(isoTimestamp),
		/** Photos in display order (attachments of the listing), see media.ts. */
		photos: v.optional(ListingPhotosSchema),
		/** Set by staff while the listing is hidden (see moderation.ts). */
		hidden: v.optional(HiddenSchema),
	}),
	v.check((l) => l.validUntil >= l.validFrom, 'la fin de validité précède son début'),
	v.check((doc) => hiddenKeepsToOwner(doc), 'une annonce masquée reste réservée à sa structure'),
);

const SCHEMAS = {
	structure: StructureSchema,
	person: PersonSchema,
	contact: ContactSchema,
	membership: MembershipSchema,
	listing: ListingSchema,
	event: EventSchema,
	conversation: ConversationSchema,
	message: MessageSchema,
	readmark: ReadmarkSchema,
	checkin: CheckinSchema,
	cardkey: CardKeySchema,
	proposal: ProposalSchema,
	registration: RegistrationSchema,
	savedsearch: SavedSearchSchema,
	sdsession: SdSessionSchema,
	meeting: MeetingSchema,
	followup: FollowupSchema,
	favourite: FavouriteSchema,
	report: ReportSchema,
	notice: NoticeSchema,
	invoice: InvoiceSchema,
	order: OrderSchema,
} as const;

export type Structure = v.InferOutput<typeof StructureSchema>;
export type Person = v.InferOutput<typeof PersonSchema>;
export type Contact = v.InferOutput<typeof ContactSchema>;
export type Membership = v.InferOutput<typeof MembershipSchema>;
export type Listing = v.InferOutput<typeof ListingSchema>;
export type Doc =
	| Structure
	| Person
	| Contact
	| Membership
	| Listing
	| ElbEvent
	| Conversation
	| Message
	| Readmark
	| Checkin
	| CardKey
	| Proposal
	| Registration
	| SavedSearch
	| SdSession
	| Meeting
	| Followup
	| Favourite
	| Report
	| Notice
	| Invoice
	| Order;
export type DocOf<T extends DocType> = Extract<Doc, { type: T }>;

export type Validation<T> = { ok: true; doc: T } | { ok: false; reason: string };

/** Validates a document against the schema of its type (read from its id prefix). */
export function validateDoc(input: unknown): Validation<Doc> {
	if (typeof input !== 'object' || input === null) return { ok: false, reason: 'document JSON attendu' };
	const raw = input as { _id?: unknown; type?: unknown };
	if (typeof raw._id !== 'string') return { ok: false, reason: '_id manquant' };
	const type = typeOfId(raw._id);
	if (!type) return { ok: false, reason: `type de document inconnu : ${raw._id}` };
	if (raw.type !== type) return { ok: false, reason: `le champ type doit valoir « ${type} »` };
	const result = v.safeParse(SCHEMAS[type], input, { lang: 'fr' });
	if (result.success) return { ok: true, doc: result.output as Doc };
	const issue = result.issues[0];
	const path = v.getDotPath(issue);
	return { ok: false, reason: path ? `${path} : ${issue.message}` : issue.message };
}
