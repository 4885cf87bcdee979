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
} from 'typeorm';
import type { Relation } from 'typeorm';
import { fenColumn } from '../../common/money/money.js';
import { Region } from '../regions/region.entity.js';

/**
 * A paid donation to a community's development fund (社区发展基金, PRODUCT §6) and its receipt:
 * written once, by the paid Checkout webhook, in the same transaction as the ledger entry that
 * credits the fund. The donor's name, e-mail and message are personal data: only the community's
 * staff see them; the public sees totals.
 */
@Entity('fund_donations')
@Check('fund_donations_amount', 'amount_fen > 0')
@Index('fund_donations_community_idx', ['communityId', 'paidAt'])
export class FundDonation {
  /** The receipt serial, drawn from the id sequence at payment: receipt numbers have no gaps from unpaid sessions. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: number;

  /** 捐赠收据号, e.g. JZ2026000042. */
  @Index('fund_donations_receipt_unique', { unique: true })
  @Column({ name: 'receipt_no', type: 'text' })
  receiptNo!: string;

  @Column({ name: 'community_id', type: 'uuid' })
  communityId!: string;

  @ManyToOne(() => Region)
  @JoinColumn({ name: 'community_id' })
  community?: Relation<Region>;

  /** The Stripe Checkout session paid (cs_…): one receipt per session. */
  @Index('fund_donations_session_unique', { unique: true })
  @Column({ name: 'checkout_session_id', type: 'text' })
  checkoutSessionId!: string;

  @Column(fenColumn('amount_fen'))
  amountFen!: number;

  @Column({ type: 'char', length: 3, default: 'CNY' })
  currency!: string;

  @Column({ name: 'donor_name', type: 'text', nullable: true })
  donorName!: string | null;

  @Column({ name: 'donor_email', type: 'text', nullable: true })
  donorEmail!: string | null;

  @Column({ type: 'text', nullable: true })
  message!: string | null;

  /** The signed-in account that started the donation, if any. */
  @Column({ name: 'donor_user_id', type: 'uuid', nullable: true })
  donorUserId!: string | null;

  @Column({ name: 'paid_at', type: 'timestamptz' })
  paidAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * A Checkout session this API created for a donation, recorded when it is created: the paid webhook
 * credits only a session found here, only to its community and only the amount it asked for. The
 * event's payload alone never decides where money goes or how much (a forged or altered event
 * cannot credit a fund). The donor's details wait here, not at Stripe, until the receipt.
 */
@Entity('donation_checkouts')
@Check('donation_checkouts_amount', 'amount_fen > 0')
export class DonationCheckout {
  /** The Stripe Checkout session (cs_…). */
  @PrimaryColumn({ name: 'checkout_session_id', type: 'text' })
  checkoutSessionId!: string;

  @Column({ name: 'community_id', type: 'uuid' })
  communityId!: string;

  @ManyToOne(() => Region)
  @JoinColumn({ name: 'community_id' })
  community?: Relation<Region>;

  @Column(fenColumn('amount_fen'))
  amountFen!: number;

  @Column({ type: 'char', length: 3, default: 'CNY' })
  currency!: string;

  @Column({ name: 'donor_user_id', type: 'uuid', nullable: true })
  donorUserId!: string | null;

  @Column({ name: 'donor_name', type: 'text', nullable: true })
  donorName!: string | null;

  @Column({ name: 'donor_email', type: 'text', nullable: true })
  donorEmail!: string | null;

  @Column({ type: 'text', nullable: true })
  message!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
