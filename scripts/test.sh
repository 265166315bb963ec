#!/usr/bin/env bash
# Every test of the project, in the order that fails fastest: static checks, unit, server, browser.
# Ends with how long each stage took, also when one fails, so a slow stage shows before it hurts.
set -euo pipefail
cd "$(dirname "$0")/.."

STAGES=()
TIMES=()
current=''
started=0

finish_stage() {
	[ -n "$current" ] || return 0
	STAGES+=("$current")
	TIMES+=("$(($(date +%s) - started))")
	current=''
}

summary() {
	local status=$?
	local failed="$current"
	finish_stage
	printf '\n%-64s %8s\n' 'Stage' 'Time'
	local total=0
	for i in "${!STAGES[@]}"; do
		local mark=''
		[ "${STAGES[$i]}" = "$failed" ] && [ "$status" -ne 0 ] && mark='  ✗ failed'
		printf '%-64s %6ss%s\n' "${STAGES[$i]}" "${TIMES[$i]}" "$mark"
		total=$((total + TIMES[i]))
	done
	printf '%-64s %6ss\n' 'Total' "$total"
	exit "$status"
}
trap summary EXIT

step() {
	finish_stage
	printf '\n▶ %s\n' "$1"
	current="$1"
	started=$(date +%s)
}

step 'Chromium and pdftotext present'
bash scripts/ensure-tools.sh
step 'No focused or skipped tests'
bash scripts/check-focus.sh
step 'Message catalogues complete, no literal French (check-i18n)'
npm run --silent i18n >/dev/null
npm run --silent check:i18n
step 'Lint and format (biome)'
npx biome check .
step 'Type check (svelte-check, tsc)'
npm run --silent check
step 'Unit and server tests (vitest)'
npx vitest run
step 'Build the app'
npx vite build --logLevel warn && node scripts/shell-html.mjs
step 'Browser tests (playwright, Debian chromium)'
npx playwright test
