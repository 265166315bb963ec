#!/usr/bin/env bash
# The programs the tests drive from Debian: Chromium for the browser tests (Playwright cannot
# download its own browser here) and pdftotext (poppler-utils), which reads the invoices' PDFs.
# As root with apt-get, the missing ones are installed; otherwise the message says how.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	echo "Missing: ${missing[*]}; installing Debian's packages (about a minute)…"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
	[ -x "$CHROMIUM" ] && command -v pdftotext >/dev/null && exit 0
fi
cat >&2 <<MSG
The tests need Chromium at $CHROMIUM and pdftotext (poppler-utils); missing: ${missing[*]}.
Install them with:   sudo apt-get update && sudo apt-get install -y chromium poppler-utils
(or set CHROMIUM_PATH to another Chromium binary), then run npm test again.
MSG
exit 1
