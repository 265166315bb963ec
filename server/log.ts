// The server's log: one function per level, writing plain lines (stdout below warn, stderr from
// warn up) and dropping those under LOG_LEVEL. Timestamps are the process supervisor's job.

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
type LineLevel = Exclude<LogLevel, 'silent'>;

export interface Log {
	readonly level: LogLevel;
	debug(line: string): void;
	info(line: string): void;
	warn(line: string): void;
	error(line: string): void;
}

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 };

export type LogSink = (level: LineLevel, line: string) => void;

const toConsole: LogSink = (level, line) =>
	RANK[level] >= RANK.warn ? console.error(line) : console.log(line);

/** A log at `level`; `sink` receives the lines kept (tests pass one to read them). */
export function createLog(level: LogLevel, sink: LogSink = toConsole): Log {
	const at = (lineLevel: LineLevel) => (line: string) => {
		if (RANK[lineLevel] >= RANK[level]) sink(lineLevel, line);
	};
	return { level, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
