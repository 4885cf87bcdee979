import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per e-mail that must go out at most once (e.g. "welcome:<userId>"), so job retries do not resend it. */
@Entity('sent_mail')
export class SentMail {
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ name: 'sent_at', type: 'timestamptz', default: () => 'now()' })
  sentAt!: Date;
}
