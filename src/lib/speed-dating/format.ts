// How a speed-dating date reads in the pages: "28 novembre 2026", in France's time.
const DAY = new Intl.DateTimeFormat('fr-FR', {
	day: 'numeric',
	month: 'long',
	year: 'numeric',
	timeZone: 'Europe/Paris',
});

export function meetingDate(iso: string): string {
	return DAY.format(new Date(iso));
}
