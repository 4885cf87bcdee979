import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Failed logins per e-mail, counted over a sliding window to answer 429 to guessing. */
@Entity('login_failures')
@Index('login_failures_email_at_idx', ['email', 'at'])
export class LoginFailure {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'inet', nullable: true })
  ip!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;
}
