import { Init1795628057159 } from './1795628057159-Init.js';

// Migrations in the order they run. Never edit one that has landed: add a new one.
export const MIGRATIONS = [Init1795628057159];
