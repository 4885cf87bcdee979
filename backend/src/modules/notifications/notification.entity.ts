import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { User } from '../identity/user.entity.js';
import { NOTIFICATION_TYPES, type NotificationParams, type NotificationType } from './notification-types.js';
import { inList } from '../../database/in-list.js';

export const EMAIL_STATUSES = ['none', 'pending', 'sent', 'failed'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/**
 * One notice to one user. The row is written in the transaction of the event it reports; its
 * e-mail (when the user wants one) is a job of its own, tracked by `email_status`.
 */
@Entity('notifications')
@Check('notifications_type', inList('type', NOTIFICATION_TYPES))
@Check('notifications_email_status', inList('email_status', EMAIL_STATUSES))
// The same event never notifies the same user twice (a retried job, a repeated hook).
@Index('notifications_once', ['recipientId', 'dedupKey'], { unique: true })
// The inbox and its unread count.
@Index('notifications_inbox', ['recipientId', 'createdAt'], { where: 'in_app' })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'recipient_id', type: 'uuid' })
  recipientId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_id' })
  recipient?: Relation<User>;

  @Column({ type: 'text' })
  type!: NotificationType;

  /** The facts the inbox and the e-mail render, in the recipient's language (the type is the i18n key). */
  @Column({ type: 'jsonb', default: {} })
  params!: NotificationParams;

  /** The web app's path of the object the notice is about. */
  @Column({ type: 'text', nullable: true })
  link!: string | null;

  @Column({ name: 'dedup_key', type: 'text' })
  dedupKey!: string;

  /** false when the user wants only the e-mail of this type: the row then tracks the e-mail alone. */
  @Column({ name: 'in_app', type: 'boolean', default: true })
  inApp!: boolean;

  @Column({ name: 'email_status', type: 'text', default: 'none' })
  emailStatus!: EmailStatus;

  @Column({ name: 'email_error', type: 'text', nullable: true })
  emailError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}

/** A user's choice for one type; absent rows mean DEFAULT_PREFERENCES. */
@Entity('notification_preferences')
@Check('notification_preferences_type', inList('type', NOTIFICATION_TYPES))
export class NotificationPreference {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @PrimaryColumn({ type: 'text' })
  type!: NotificationType;

  @Column({ name: 'in_app', type: 'boolean' })
  inApp!: boolean;

  @Column({ type: 'boolean' })
  email!: boolean;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/**
 * The version of a user's notification settings as a whole (all their preference rows), +1 on
 * every change: the ETag of `GET /api/me/notification-preferences`. No row means version 0.
 */
@Entity('notification_settings')
export class NotificationSettings {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'integer', default: 0 })
  version!: number;
}
