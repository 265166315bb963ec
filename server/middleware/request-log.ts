// One log line per request: method, path, status, milliseconds and the viewer's role ("-" when the
// path needs no viewer). Query values that open something (feed tokens) never reach the log.
import { createMiddleware } from 'hono/factory';
import type { ViewerEnv } from '../auth/viewer';
import type { Log } from '../log';

/** Query parameters whose value is a secret: the personal agenda link, a guest's cancellation. */
const SECRET_PARAMS = /^(token|password|secret)$/i;
/** The app's own files and pages: logged at debug, so that info shows the API and sync traffic. */
const SERVER_PATHS = /^\/(api|db|media)(\/|$)/;

/** The path and query as logged, secrets replaced by `***`. */
export function loggedPath(url: string): string {
	const { pathname, searchParams } = new URL(url);
	if (searchParams.size === 0) return pathname;
	const query = [...searchParams].map(([k, v]) => `${k}=${SECRET_PARAMS.test(k) ? '***' : v}`);
	return `${pathname}?${query.join('&')}`;
}

export function requestLog(log: Log) {
	return createMiddleware<ViewerEnv>(async (c, next) => {
		const started = performance.now();
		await next();
		// For a longpoll this is the time until its answer starts; the stream itself goes on.
		const ms = Math.round(performance.now() - started);
		const status = c.res.status;
		const line = `${c.req.method} ${loggedPath(c.req.url)} ${status} ${ms}ms ${c.get('viewer')?.role ?? '-'}`;
		if (status >= 500) log.error(line);
		else if (SERVER_PATHS.test(c.req.path)) log.info(line);
		else log.debug(line);
	});
}
