// Speed-dating pairing: pair scores, one round's tables, several rounds ahead.
export { sessionBound } from './bound';
export { pairIds, pairKey } from './keys';
export { planRound } from './round';
export { COMPLEMENTARITY_POINTS, DEFAULT_WEIGHTS, pairScores } from './scores';
export { emptySessionState, planRounds, planSession, recordRound, type SessionState } from './session';
export type * from './types';
