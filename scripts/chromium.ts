// How the browser tests and the browser benchmarks start Debian's Chromium: one list of flags,
// so a benchmark measures the browser the tests run in.
export const chromiumLaunchOptions = {
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	// No sandbox, GPU or background traffic: headless on a shared machine, nothing but the page at work.
	args: [
		'--headless',
		'--no-sandbox',
		'--disable-gpu',
		'--disable-quic',
		'--no-first-run',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
	],
};
