import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { Env } from '../../config/env.js';
import { notFound } from '../../common/errors/domain-error.js';
import { User } from '../identity/user.entity.js';

/** E-mail over SMTP. Used by the workers; the API only enqueues mail jobs. */
@Injectable()
export class MailService implements OnModuleDestroy {
  private readonly logger = new Logger(MailService.name);
  private readonly transport: Transporter;

  constructor(
    private readonly env: Env,
    private readonly dataSource: DataSource,
  ) {
    this.transport = nodemailer.createTransport(env.SMTP_URL);
  }

  async sendWelcome(userId: string): Promise<void> {
    const user = await this.dataSource.manager.findOneBy(User, { id: userId });
    if (!user) throw notFound('User', userId);
    const zh = user.locale !== 'en-US';
    await this.sendOnce(`welcome:${userId}`, {
      to: user.email,
      subject: zh ? '欢迎加入三社联动' : 'Welcome to Sanshe Linkage',
      text: zh
        ? `${user.displayName}，您好！\n\n您的三社联动账号已创建。登录：${this.env.WEB_URL}/login\n`
        : `Hello ${user.displayName},\n\nYour Sanshe Linkage account is ready. Sign in at ${this.env.WEB_URL}/login\n`,
    });
  }

  /** Tells the admins of every organization with a live bid that the tender changed. */
  async sendTenderAmended(tenderId: string, amendmentId: string): Promise<number> {
    const recipients: { email: string; title: string; summary: string; deadline: Date }[] =
      await this.dataSource.query(
        `SELECT DISTINCT u.email, t.title, a.summary, t.bid_deadline AS deadline
         FROM tender_amendments a JOIN tenders t ON t.id = a.tender_id
         JOIN bids b ON b.tender_id = t.id AND b.status = 'submitted'
         JOIN role_memberships rm ON rm.organization_id = b.organization_id AND rm.role = 'org_admin'
         JOIN users u ON u.id = rm.user_id
        WHERE a.id = $1 AND t.id = $2`,
        [amendmentId, tenderId],
      );
    for (const r of recipients) {
      await this.sendOnce(`amendment:${amendmentId}:${r.email}`, {
        to: r.email,
        subject: `招标公告更正：${r.title}`,
        text: `${r.title}\n\n更正内容：${r.summary}\n投标截止时间：${r.deadline.toISOString()}\n\n${this.env.WEB_URL}/tenders/${tenderId}\n`,
      });
    }
    return recipients.length;
  }

  /**
   * Sends a message at most once per key: the key row is inserted in the same transaction that
   * waits for the SMTP server's acceptance, so a failed send rolls back and the retry sends again.
   */
  async sendOnce(key: string, message: { to: string; subject: string; text: string }): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const claimed: unknown[] = await m.query(
        `INSERT INTO sent_mail (key) VALUES ($1) ON CONFLICT DO NOTHING RETURNING key`,
        [key],
      );
      if (claimed.length === 0) {
        this.logger.log(`mail ${key} already sent; skipping`);
        return;
      }
      await this.transport.sendMail({ from: this.env.MAIL_FROM, ...message });
    });
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
