import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';

// argon2id with the library's defaults (OWASP-recommended memory cost); verify reads the parameters from the hash.
export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });
export const verifyPassword = (hash: string, password: string) => argon2.verify(hash, password);

/** The hash of a password nobody knows: an account created for someone else waits for its owner to set one by a mailed link. */
export const unusablePasswordHash = () => hashPassword(randomBytes(32).toString('base64url'));
