export * from './settings';
export * from './measures';
