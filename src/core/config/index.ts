export { loadConfig, ConfigError } from './load.ts';
export { settings, type Config } from './schema.ts';
