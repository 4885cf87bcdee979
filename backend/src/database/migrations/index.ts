import { Init1795628236392 } from './1795628236392-Init.js';

// Migrations in the order they run. Never edit one that has landed: add a new one.
export const MIGRATIONS = [Init1795628236392];
