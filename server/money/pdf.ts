// An invoice, credit note or membership receipt as a PDF (pdfkit), with the mentions French law asks
// of an invoice: number, date, seller (name, address, SIREN/RNA), buyer, lines, amounts, payment
// terms and due date, the VAT mention. DejaVu Sans is embedded: French amounts carry U+202F (the
// narrow no-break space of « 1 000,00 € »), which the standard PDF fonts lack.
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { formatEuros, INVOICE_KINDS, type Invoice } from '../../src/lib/domain';

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

/** The network as printed on what it issues. */
export interface Issuer {
	name: string;
	address: string;
	/** SIREN or RNA number. */
	identifier: string;
	email?: string;
	/** Bank details for payment by transfer. */
	iban?: string;
	bic?: string;
}

const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });
const longDate = (iso: string) => dateFormat.format(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso));

const MARGIN = 50;
const PAGE_WIDTH = 595.28;
const COLUMNS = { label: MARGIN, quantity: 330, unit: 380, amount: 470 };
const RIGHT = PAGE_WIDTH - MARGIN;

/** The PDF of `invoice`, as bytes. */
export function invoicePdf(invoice: Invoice, issuer: Issuer, cancelled?: Invoice): Promise<Uint8Array> {
	const pdf = new PDFDocument({
		size: 'A4',
		margin: MARGIN,
		info: { Title: `${INVOICE_KINDS[invoice.kind]} ${invoice.number}`, Author: issuer.name },
		lang: 'fr-FR',
	});
	pdf.registerFont('text', FONT);
	pdf.registerFont('bold', BOLD);
	const chunks: Uint8Array[] = [];
	pdf.on('data', (chunk: Uint8Array) => chunks.push(chunk));
	const done = new Promise<Uint8Array>((resolve, reject) => {
		pdf.on('end', () => {
			const bytes = new Uint8Array(chunks.reduce((n, chunk) => n + chunk.length, 0));
			let at = 0;
			for (const chunk of chunks) {
				bytes.set(chunk, at);
				at += chunk.length;
			}
			resolve(bytes);
		});
		pdf.on('error', reject);
	});

	pdf.font('bold').fontSize(11).text(issuer.name);
	pdf.font('text').fontSize(9).text(issuer.address);
	pdf.text(`SIREN / RNA : ${issuer.identifier}`);
	if (issuer.email) pdf.text(issuer.email);

	pdf.moveDown(2);
	pdf.font('bold').fontSize(16).text(`${INVOICE_KINDS[invoice.kind]} n° ${invoice.number}`);
	pdf
		.font('text')
		.fontSize(10)
		.text(`Date : ${longDate(invoice.issuedAt)}`);
	if (invoice.kind === 'credit' && invoice.cancels)
		pdf.text(
			`Annule la facture n° ${cancelled?.number ?? invoice.cancels.slice('invoice:'.length)}` +
				(cancelled ? ` du ${longDate(cancelled.issuedAt)}` : ''),
		);

	pdf.moveDown();
	pdf.font('bold').text(invoice.kind === 'receipt' ? 'Reçu de' : 'Facturé à');
	pdf.font('text').text(invoice.buyer.name);
	if (invoice.buyer.address) pdf.text(invoice.buyer.address);
	if (invoice.buyer.identifier) pdf.text(`SIREN / SIRET / RNA : ${invoice.buyer.identifier}`);

	pdf.moveDown(2);
	const sign = invoice.kind === 'credit' ? -1 : 1;
	row(pdf, ['Désignation', 'Qté', 'Prix unitaire', 'Montant'], 'bold');
	rule(pdf);
	for (const line of invoice.lines)
		row(pdf, [
			line.label,
			String(line.quantity),
			formatEuros(sign * line.unitCents),
			formatEuros(sign * line.quantity * line.unitCents),
		]);
	rule(pdf);
	pdf.moveDown(0.5);
	pdf.font('bold').text(`Total : ${formatEuros(invoice.totalCents)}`, MARGIN, pdf.y, {
		width: RIGHT - MARGIN,
		align: 'right',
	});

	pdf.moveDown(2);
	pdf.font('text').fontSize(9);
	pdf.text(invoice.vatMention, MARGIN, pdf.y, { width: RIGHT - MARGIN });
	if (invoice.kind !== 'credit') {
		pdf.text(`Conditions de paiement : ${invoice.paymentTerms}`);
		pdf.text(`Échéance : ${longDate(invoice.dueDate)}`);
		if (issuer.iban) pdf.text(`Virement : IBAN ${issuer.iban}${issuer.bic ? ` · BIC ${issuer.bic}` : ''}`);
		pdf.text(`Référence à rappeler : ${invoice.number}`);
	} else pdf.text(`Motif : ${invoice.paymentTerms}`);
	if (invoice.kind === 'invoice')
		pdf.text(
			'En cas de retard de paiement, pénalités au taux légal ; indemnité forfaitaire pour frais de recouvrement : 40 € (professionnels).',
		);
	pdf.end();
	return done;
}

function row(pdf: PDFKit.PDFDocument, cells: [string, string, string, string], font = 'text'): void {
	const top = pdf.y;
	pdf.font(font).fontSize(10);
	pdf.text(cells[0], COLUMNS.label, top, { width: COLUMNS.quantity - COLUMNS.label - 10 });
	const bottom = pdf.y;
	pdf.text(cells[1], COLUMNS.quantity, top, { width: COLUMNS.unit - COLUMNS.quantity - 10, align: 'right' });
	pdf.text(cells[2], COLUMNS.unit, top, { width: COLUMNS.amount - COLUMNS.unit - 10, align: 'right' });
	pdf.text(cells[3], COLUMNS.amount, top, { width: RIGHT - COLUMNS.amount, align: 'right' });
	pdf.x = MARGIN;
	pdf.y = Math.max(bottom, pdf.y) + 4;
}

function rule(pdf: PDFKit.PDFDocument): void {
	pdf.moveTo(MARGIN, pdf.y).lineTo(RIGHT, pdf.y).lineWidth(0.5).stroke();
	pdf.y += 4;
}
