import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error.js';
import { FileStorage } from '../../common/storage/file-storage.js';
import { bidSealPublicKey, bidSealSecret, Env } from '../../config/env.js';
import { insertSeal, markOpened, markSealed, selectSeal } from './document-seals.sql.js';
import type { DocumentRow } from './documents.sql.js';
import { selectDocument } from './documents.sql.js';
import { newKeyPair, openFile, sealFile, unwrapWith, wrapFor } from './sealing.js';

/**
 * Documents sealed until a moment (bids' files until the tender's deadline). A seal is a key pair:
 * the API seals files for its public key; its private key is wrapped for the workers' key
 * (BID_SEAL_SECRET, never given to the API) until the workers open the seal and store it.
 * Before that nobody, platform admins included, can read a sealed file's bytes.
 */
@Injectable()
export class DocumentSeals {
  constructor(
    private readonly env: Env,
    private readonly storage: FileStorage,
  ) {}

  /** A new seal (at a tender's publication); returns its id. */
  async create(m: EntityManager): Promise<string> {
    const workersKey = bidSealPublicKey(this.env);
    if (!workersKey) throw new Error('BID_SEAL_PUBLIC_KEY is not set: tenders cannot be published');
    const pair = newKeyPair();
    const wrapped = wrapFor(workersKey, Buffer.from(pair.privateKey, 'base64'));
    return (await insertSeal(m, pair.publicKey, wrapped)).id;
  }

  /**
   * Opens a seal: unwraps its private key with the workers' secret and stores it, so the API can
   * read its files from now on. Run by the workers; a no-op once open.
   */
  async open(m: EntityManager, sealId: string): Promise<void> {
    const seal = await selectSeal(m, sealId, 'FOR UPDATE');
    if (!seal || seal.openedAt) return;
    const secret = bidSealSecret(this.env);
    if (!secret) throw new Error('BID_SEAL_SECRET is not set: only the workers open sealed documents');
    await markOpened(m, sealId, unwrapWith(secret, seal.wrappedPrivateKey).toString('base64'));
  }

  /**
   * Seals clean documents (just attached in `m`) for the seal: their bytes are stored encrypted and
   * their thumbnails dropped. Returns the keys of the plain copies, to delete once `m` commits.
   */
  async seal(m: EntityManager, documentIds: string[], sealId: string): Promise<string[]> {
    const seal = await selectSeal(m, sealId);
    if (!seal) throw new Error(`no seal ${sealId}`);
    const plain: string[] = [];
    for (const id of documentIds) {
      const row = (await selectDocument(m, id, 'FOR UPDATE'))!;
      if (row.sealId) continue;
      const sealed = sealFile(seal.publicKey, await this.storage.get(row.storageKey!));
      const key = `documents/sealed/${id}`;
      await this.storage.put(key, sealed.ciphertext);
      await markSealed(m, id, sealId, key, sealed.wrappedKey);
      plain.push(...[row.storageKey, row.thumbnailKey].filter((k): k is string => k !== null));
    }
    return plain;
  }

  /** Deletes the plain copies of sealed documents (after the commit). */
  async discard(keys: string[]): Promise<void> {
    await Promise.all(keys.map((k) => this.storage.delete(k)));
  }

  /** The bytes of a document, decrypted if sealed: 409 document.sealed while its seal is closed. */
  async stream(m: EntityManager, row: DocumentRow): Promise<Readable> {
    if (!row.sealId) return this.storage.getStream(row.storageKey!);
    const seal = await selectSeal(m, row.sealId);
    if (!seal?.privateKey)
      throw new DomainError('document.sealed', 'This file is sealed until the bid deadline', {
        sealed: true,
      });
    return Readable.from([
      openFile(seal.privateKey, row.sealedKey!, await this.storage.get(row.storageKey!)),
    ]);
  }
}
