import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';

/**
 * argon2id at OWASP's recommended minimum: 19 MiB of memory, 2 passes, 1 lane. The library's
 * defaults (64 MiB, 3 passes, 4 lanes) took 0.44 s of CPU a hash, six times this: on a 2-core
 * server a few sign-ins a second held both cores, and 20 at once 1.3 GB of memory.
 */
const POLICY = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id, ...POLICY });
/** Reads the parameters from the hash: one made under an earlier policy still verifies. */
export const verifyPassword = (hash: string, password: string) => argon2.verify(hash, password);
/** Whether a hash was made with other parameters than today's (sign-in then hashes the password anew). */
export const hashIsOutdated = (hash: string) => argon2.needsRehash(hash, POLICY);

/** The hash of a password nobody knows: an account created for someone else waits for its owner to set one by a mailed link. */
export const unusablePasswordHash = () => hashPassword(randomBytes(32).toString('base64url'));
