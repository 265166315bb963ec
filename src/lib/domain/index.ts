// The domain shared by the PWA and the server: documents, rules, reference data.
export * from './access';
export * from './checkin';
export * from './communes';
export * from './conversations';
export * from './fees';
export * from './geo';
export * from './ids';
export * from './member-card';
export * from './schemas';
export * from './sectors';
