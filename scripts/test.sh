#!/usr/bin/env bash
# Every test of the project, in the order that fails fastest: static checks, unit, server, browser.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-chromium.sh

step() { printf '\n▶ %s\n' "$1"; }
step 'No focused or skipped tests'
bash scripts/check-focus.sh
step 'Lint and format (biome)'
npx biome check .
step 'Type check (svelte-check, tsc)'
npm run --silent check
step 'Unit and server tests (vitest)'
npx vitest run
step 'Build the app'
npx vite build --logLevel warn
step 'Browser tests (playwright, Debian chromium)'
npx playwright test
