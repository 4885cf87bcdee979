import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';

/**
 * Sealing with node:crypto only. Keys are X25519, exchanged as base64 DER (SPKI public, PKCS#8
 * private). `wrapFor` encrypts a small secret for a public key (ECIES: an ephemeral X25519 key, the
 * shared secret through HKDF-SHA-256 into an AES-256-GCM key); a file is encrypted with a fresh
 * AES-256-GCM key, and that key is wrapped so.
 */

const INFO = Buffer.from('sanshe document seal v1');
const IV = 12;
const TAG = 16;
/** The length of an X25519 SPKI DER. */
const SPKI = 44;

const publicKey = (b64: string) =>
  createPublicKey({ key: Buffer.from(b64, 'base64'), format: 'der', type: 'spki' });
const privateKey = (b64: string) =>
  createPrivateKey({ key: Buffer.from(b64, 'base64'), format: 'der', type: 'pkcs8' });
const spki = (key: KeyObject) => key.export({ format: 'der', type: 'spki' });

export interface KeyPair {
  publicKey: string;
  privateKey: string;
}

export function newKeyPair(): KeyPair {
  const pair = generateKeyPairSync('x25519');
  return {
    publicKey: spki(pair.publicKey).toString('base64'),
    privateKey: pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  };
}

/** The public key of a private one (both base64 DER). */
export const publicKeyOf = (privateKeyB64: string) =>
  spki(createPublicKey(privateKey(privateKeyB64))).toString('base64');

function aesKey(shared: Buffer, ephemeral: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), INFO, 32));
}

function encrypt(key: Buffer, data: Buffer): Buffer {
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(data), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function decrypt(key: Buffer, sealed: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV));
  decipher.setAuthTag(sealed.subarray(IV, IV + TAG));
  return Buffer.concat([decipher.update(sealed.subarray(IV + TAG)), decipher.final()]);
}

/** `data` encrypted for the holder of the private key of `recipientB64`: base64 of ephemeral SPKI | iv | tag | ciphertext. */
export function wrapFor(recipientB64: string, data: Buffer): string {
  const recipient = publicKey(recipientB64);
  const ephemeral = generateKeyPairSync('x25519');
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient });
  const epk = spki(ephemeral.publicKey);
  return Buffer.concat([epk, encrypt(aesKey(shared, epk, spki(recipient)), data)]).toString('base64');
}

/** The inverse of wrapFor; throws when the key is not the recipient's or the bytes were altered. */
export function unwrapWith(privateKeyB64: string, wrapped: string): Buffer {
  const bytes = Buffer.from(wrapped, 'base64');
  const own = privateKey(privateKeyB64);
  const epk = bytes.subarray(0, SPKI);
  const shared = diffieHellman({
    privateKey: own,
    publicKey: createPublicKey({ key: epk, format: 'der', type: 'spki' }),
  });
  return decrypt(aesKey(shared, epk, spki(createPublicKey(own))), bytes.subarray(SPKI));
}

/** A file encrypted with a fresh AES-256-GCM key (iv | tag | ciphertext), the key wrapped for `recipientB64`. */
export function sealFile(recipientB64: string, data: Buffer): { ciphertext: Buffer; wrappedKey: string } {
  const key = randomBytes(32);
  return { ciphertext: encrypt(key, data), wrappedKey: wrapFor(recipientB64, key) };
}

export function openFile(privateKeyB64: string, wrappedKey: string, ciphertext: Buffer): Buffer {
  return decrypt(unwrapWith(privateKeyB64, wrappedKey), ciphertext);
}
