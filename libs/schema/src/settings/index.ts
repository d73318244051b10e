export * from './timestream';
export * from './dimensions';
export * from './mqtt';
export * from './metrics';
export * from './alarms';
