#!/usr/bin/env bash
# Refuses focused or skipped tests (.only, .skip, .skipIf, .todo, test.fixme) in tests/ and src/:
# whatever CI says, a stray one would make the suite pass while running less than it should.
set -uo pipefail
cd "$(dirname "$0")/.."

# A call on a test function (test, it, describe, suite, bench, possibly chained: test.describe.only(),
# test.concurrent.skip()), on a line that is not a comment: prose that says "skip" does not count.
CALL='^(?!\s*(//|/?\*)).*(?<![\w.])(test|it|describe|suite|bench)(\.\w+)*\.(only|skip|skipIf|todo|fixme)\s*\('

if found=$(git grep --untracked -nP "$CALL" -- tests src); then
	echo "Focused or skipped tests are not allowed (remove them, or make the test pass):" >&2
	echo "$found" >&2
	exit 1
fi
exit 0
