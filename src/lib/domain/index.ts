// The domain shared by the PWA and the server: documents, rules, reference data.
export * from './access';
export * from './communes';
export * from './fees';
export * from './ids';
export * from './schemas';
export * from './sectors';
