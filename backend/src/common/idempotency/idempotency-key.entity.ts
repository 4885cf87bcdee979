import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One Idempotency-Key a caller sent with a money-moving request, and the first answer to it
 * (IdempotencyInterceptor). The primary key (principal, key) lets exactly one request claim a key:
 * a retry, even a concurrent one, replays the stored answer instead of moving money again. Rows
 * expire after IDEMPOTENCY_TTL_HOURS; an expired key may be claimed again and the daily
 * `idempotency.purge` job deletes it.
 */
@Entity('idempotency_keys')
@Index('idempotency_keys_expires_idx', ['expiresAt'])
export class IdempotencyKey {
  /** Whose key: the signed-in user's id, or `anonymous` on a public route called without a session. */
  @PrimaryColumn({ type: 'text' })
  principal!: string;

  @PrimaryColumn({ type: 'text' })
  key!: string;

  /** SHA-256 of the method, the path and the canonical JSON body: the same key with another request is refused. */
  @Column({ type: 'char', length: 64 })
  fingerprint!: string;

  @Column({ type: 'text' })
  method!: string;

  @Column({ type: 'text' })
  path!: string;

  /** NULL while the first request runs; then its HTTP status. */
  @Column({ name: 'response_status', type: 'int', nullable: true })
  responseStatus!: number | null;

  @Column({ name: 'response_body', type: 'jsonb', nullable: true })
  responseBody!: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
