// The HelloAsso API v5 client: a checkout intent for an order, and that checkout re-read to learn
// whether it was paid. Its access token (OAuth2 client credentials) is kept until it expires, then
// renewed with the refresh token (or asked again); a 401 drops it and the call is made once more.
import { type HelloAssoConfig, helloAssoConfigFrom } from './helloasso-config';
import { type CheckoutStatus, checkoutStatus } from './helloasso-status';

export { type CheckoutStatus, type HelloAssoConfig, helloAssoConfigFrom };

export interface CheckoutRequest {
	/** Our order's id, kept in the checkout's metadata: the notification leads back to it. */
	orderId: string;
	/** Our order's short reference (shown to the payer on bank transfers), kept in the metadata too. */
	reference: string;
	totalCents: number;
	/** What HelloAsso shows the payer (250 characters at most). */
	itemName: string;
	payer?: { email: string; firstName?: string; lastName?: string; companyName?: string };
	/** Where the payer lands after paying. Never proof of payment: only the notification is. */
	returnUrl: string;
	/** Where the payer goes on HelloAsso's back arrow. */
	backUrl: string;
	/** Where the payer goes when the payment fails. */
	errorUrl: string;
}

export interface CheckoutCreated {
	checkoutIntentId: number;
	/** HelloAsso's payment page: send the payer there. */
	redirectUrl: string;
}

export class HelloAssoError extends Error {
	constructor(
		message: string,
		readonly status?: number,
	) {
		super(message);
		this.name = 'HelloAssoError';
	}
}

export interface HelloAssoClientOptions {
	/** The clock, in ms; tests inject theirs to let tokens expire. */
	now?: () => number;
	/** Per request; a notification waits on two at most (token, checkout). */
	timeoutMs?: number;
	fetch?: typeof fetch;
}

interface Token {
	access: string;
	refresh?: string;
	expiresAt: number;
}

interface ApiAnswer {
	status: number;
	body: unknown;
}

/** Renew this long before the stated expiry (at most a tenth of the lifetime): clocks differ. */
const EXPIRY_MARGIN_S = 60;

export class HelloAssoClient {
	readonly #config: HelloAssoConfig;
	readonly #now: () => number;
	readonly #timeoutMs: number;
	readonly #fetch: typeof fetch;
	#token?: Token;
	#pending?: Promise<Token>;

	constructor(config: HelloAssoConfig, options: HelloAssoClientOptions = {}) {
		this.#config = config;
		this.#now = options.now ?? Date.now;
		this.#timeoutMs = options.timeoutMs ?? 8000;
		this.#fetch = options.fetch ?? fetch;
	}

	async createCheckout(request: CheckoutRequest): Promise<CheckoutCreated> {
		if (!Number.isSafeInteger(request.totalCents) || request.totalCents <= 0)
			throw new HelloAssoError('Montant invalide : un nombre entier de centimes, positif, est attendu.');
		const body = {
			totalAmount: request.totalCents,
			initialAmount: request.totalCents,
			itemName: request.itemName.slice(0, 250),
			backUrl: request.backUrl,
			errorUrl: request.errorUrl,
			returnUrl: request.returnUrl,
			containsDonation: false,
			...(request.payer ? { payer: request.payer } : {}),
			metadata: { orderId: request.orderId, reference: request.reference, totalCents: request.totalCents },
		};
		const answer = await this.#api('POST', `/organizations/${this.#org()}/checkout-intents`, body);
		if (answer.status !== 200 && answer.status !== 201) throw refusal('créer le paiement', answer);
		const created = answer.body as { id?: unknown; redirectUrl?: unknown };
		if (typeof created?.id !== 'number' || typeof created.redirectUrl !== 'string')
			throw new HelloAssoError('Réponse inattendue de HelloAsso à la création du paiement.');
		return { checkoutIntentId: created.id, redirectUrl: created.redirectUrl };
	}

	/** The checkout as HelloAsso knows it; null when it knows none of that id. */
	async readCheckout(checkoutIntentId: number): Promise<CheckoutStatus | null> {
		const path = `/organizations/${this.#org()}/checkout-intents/${checkoutIntentId}`;
		const answer = await this.#api('GET', path);
		if (answer.status === 404) return null;
		if (answer.status !== 200) throw refusal('relire le paiement', answer);
		return checkoutStatus(checkoutIntentId, answer.body);
	}

	/** The checkout a HelloAsso order was made through (what a Payment notification leads to). */
	async checkoutOfOrder(helloAssoOrderId: number): Promise<number | null> {
		const answer = await this.#api('GET', `/orders/${helloAssoOrderId}`);
		if (answer.status === 404) return null;
		if (answer.status !== 200) throw refusal('relire la commande', answer);
		const id = (answer.body as { checkoutIntentId?: unknown })?.checkoutIntentId;
		return typeof id === 'number' ? id : null;
	}

	#org(): string {
		return encodeURIComponent(this.#config.organization);
	}

	async #api(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiAnswer> {
		for (let attempt = 0; ; attempt++) {
			const token = await this.#accessToken();
			const answer = await this.#request(method, `/v5${path}`, {
				headers: {
					authorization: `Bearer ${token.access}`,
					accept: 'application/json',
					...(body === undefined ? {} : { 'content-type': 'application/json' }),
				},
				...(body === undefined ? {} : { body: JSON.stringify(body) }),
			});
			// A token revoked or expired early: renew it (its refresh token may still do), try once more.
			if (answer.status !== 401 || attempt > 0) return answer;
			if (this.#token === token) this.#token = { ...token, expiresAt: 0 };
		}
	}

	/** One request for a token at a time, shared by every call waiting on it. */
	#accessToken(): Promise<Token> {
		const token = this.#token;
		if (token && this.#now() < token.expiresAt) return Promise.resolve(token);
		this.#pending ??= this.#renew(token?.refresh).finally(() => {
			this.#pending = undefined;
		});
		return this.#pending;
	}

	async #renew(refreshToken: string | undefined): Promise<Token> {
		const { clientId, clientSecret } = this.#config;
		let answer: ApiAnswer | undefined;
		if (refreshToken)
			answer = await this.#tokenRequest({
				grant_type: 'refresh_token',
				client_id: clientId,
				refresh_token: refreshToken,
			}).catch(() => undefined);
		// No refresh token, or it is no longer valid (they last 30 days): ask with the credentials.
		if (answer?.status !== 200)
			answer = await this.#tokenRequest({
				grant_type: 'client_credentials',
				client_id: clientId,
				client_secret: clientSecret,
			});
		if (answer.status !== 200)
			throw new HelloAssoError(
				answer.status === 400 || answer.status === 401
					? 'HelloAsso refuse nos identifiants : vérifiez HELLOASSO_CLIENT_ID et HELLOASSO_CLIENT_SECRET.'
					: `HelloAsso ne donne pas de jeton d’accès (${answer.status}).`,
				answer.status,
			);
		const t = answer.body as { access_token?: unknown; refresh_token?: unknown; expires_in?: unknown };
		if (typeof t?.access_token !== 'string' || typeof t.expires_in !== 'number')
			throw new HelloAssoError('Réponse inattendue de HelloAsso à la demande de jeton d’accès.');
		const margin = Math.min(EXPIRY_MARGIN_S, t.expires_in / 10);
		this.#token = {
			access: t.access_token,
			...(typeof t.refresh_token === 'string' ? { refresh: t.refresh_token } : {}),
			expiresAt: this.#now() + (t.expires_in - margin) * 1000,
		};
		return this.#token;
	}

	#tokenRequest(form: Record<string, string>): Promise<ApiAnswer> {
		return this.#request('POST', '/oauth2/token', {
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
			body: new URLSearchParams(form).toString(),
		});
	}

	async #request(method: string, path: string, init: RequestInit): Promise<ApiAnswer> {
		const what = `${method} ${path.replace(/\?.*/, '')}`;
		let response: Response;
		try {
			response = await this.#fetch(`${this.#config.apiUrl}${path}`, {
				...init,
				method,
				signal: AbortSignal.timeout(this.#timeoutMs),
			});
		} catch (err) {
			const name = (err as Error)?.name;
			if (name === 'TimeoutError' || name === 'AbortError')
				throw new HelloAssoError(`HelloAsso n’a pas répondu dans les ${this.#timeoutMs / 1000} s (${what}).`);
			throw new HelloAssoError(`HelloAsso est injoignable (${what}) : ${(err as Error)?.message ?? err}`);
		}
		const text = await response.text().catch(() => '');
		let body: unknown = text;
		try {
			body = text ? JSON.parse(text) : null;
		} catch {
			// Not JSON (an HTML error page, say): kept as text for the error message.
		}
		return { status: response.status, body };
	}
}

function refusal(what: string, answer: ApiAnswer): HelloAssoError {
	const detail = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
	const shown = detail ? ` : ${detail.slice(0, 300)}` : '';
	return new HelloAssoError(`HelloAsso a refusé de ${what} (${answer.status})${shown}`, answer.status);
}
