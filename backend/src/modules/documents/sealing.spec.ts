import { newKeyPair, openFile, publicKeyOf, sealFile, unwrapWith, wrapFor } from './sealing.js';

describe('sealing', () => {
  const pair = newKeyPair();
  const data = Buffer.from('投标文件 %PDF-1.4 …');

  it('derives the public key from the private one', () => {
    expect(publicKeyOf(pair.privateKey)).toBe(pair.publicKey);
  });

  it('seals a file for a public key; only its private key opens it', () => {
    const sealed = sealFile(pair.publicKey, data);
    expect(sealed.ciphertext.includes(data)).toBe(false);
    expect(openFile(pair.privateKey, sealed.wrappedKey, sealed.ciphertext).equals(data)).toBe(true);
    expect(() => openFile(newKeyPair().privateKey, sealed.wrappedKey, sealed.ciphertext)).toThrow();
  });

  it('refuses altered bytes (GCM authentication)', () => {
    const sealed = sealFile(pair.publicKey, data);
    sealed.ciphertext[sealed.ciphertext.length - 1] ^= 1;
    expect(() => openFile(pair.privateKey, sealed.wrappedKey, sealed.ciphertext)).toThrow();
    const wrapped = Buffer.from(wrapFor(pair.publicKey, data), 'base64');
    wrapped[50] ^= 1;
    expect(() => unwrapWith(pair.privateKey, wrapped.toString('base64'))).toThrow();
  });

  it('wraps afresh every time (an ephemeral key and IV each)', () => {
    expect(wrapFor(pair.publicKey, data)).not.toBe(wrapFor(pair.publicKey, data));
  });
});
