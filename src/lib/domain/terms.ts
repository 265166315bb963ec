// The version of the terms of use and privacy notice a structure consents to when it signs up
// (the /inscription/conditions page shows it; the server stores it with the date of consent).
// Change it whenever the text of that page changes.
export const TERMS_VERSION = '2026-12-02';
