import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { DataSource, type EntityManager } from 'typeorm';
import { Env } from '../../config/env.js';
import { mintEmailToken } from '../identity/email-tokens.js';
import type { Role } from '../../common/auth/roles.js';
import { User } from '../identity/user.entity.js';
import { amendmentRecipients, claimMailKey, grantForMail } from './mail.sql.js';

/** How long the link of a mailed invitation (a role granted to a new account) sets a password. */
export const INVITE_LINK_TTL_DAYS = 7;

const ROLE_NAMES_ZH: Partial<Record<Role, string>> = {
  street_officer: '街道科室人员',
  street_finance: '街道财务',
  street_director: '街道主任',
  community_staff: '社区工作人员',
  evaluator: '评审专家',
};

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

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

  /**
   * Welcomes a newly registered user (or one who asked again) with a link that verifies the
   * address. Nothing is sent once the address is verified.
   */
  async sendVerification(userId: string, requestId: string): Promise<void> {
    await this.sendOnce(`verify-email:${requestId}`, async (m) => {
      const user = await m.findOneBy(User, { id: userId });
      if (!user || user.emailVerifiedAt) return null;
      const token = await mintEmailToken(m, user, 'verify_email', this.env.VERIFY_LINK_TTL_HOURS * 60);
      const link = `${this.env.WEB_URL}/verify-email#${token}`;
      const hours = this.env.VERIFY_LINK_TTL_HOURS;
      return user.locale !== 'en-US'
        ? {
            to: user.email,
            subject: '欢迎加入三社联动：请验证您的邮箱',
            text: `${user.displayName}，您好！\n\n您的三社联动账号已创建。请在 ${hours} 小时内打开以下链接验证邮箱（验证后才能接受组织邀请）：\n${link}\n\n如果不是您本人注册，请忽略本邮件。\n`,
          }
        : {
            to: user.email,
            subject: 'Welcome to Sanshe Linkage: please verify your e-mail',
            text: `Hello ${user.displayName},\n\nYour Sanshe Linkage account is ready. Open this link within ${hours} hours to verify your e-mail (invitations need a verified address):\n${link}\n\nIf you did not register, ignore this message.\n`,
          };
    });
  }

  /** A one-time link to set a new password. */
  async sendPasswordReset(userId: string, requestId: string): Promise<void> {
    await this.sendOnce(`password-reset:${requestId}`, async (m) => {
      const user = await m.findOneBy(User, { id: userId });
      if (!user) return null;
      const minutes = this.env.RESET_LINK_TTL_MINUTES;
      const token = await mintEmailToken(m, user, 'reset_password', minutes);
      const link = `${this.env.WEB_URL}/reset-password#${token}`;
      return user.locale !== 'en-US'
        ? {
            to: user.email,
            subject: '三社联动：重设密码',
            text: `${user.displayName}，您好！\n\n有人请求重设您的三社联动密码。请在 ${minutes} 分钟内打开以下链接设置新密码（仅能使用一次，设置后所有已登录的设备都会退出）：\n${link}\n\n如果不是您本人操作，请忽略本邮件，您的密码不会改变。\n`,
          }
        : {
            to: user.email,
            subject: 'Sanshe Linkage: reset your password',
            text: `Hello ${user.displayName},\n\nSomeone asked to reset your Sanshe Linkage password. Open this link within ${minutes} minutes to set a new one (it works once; every signed-in device is signed out):\n${link}\n\nIf it was not you, ignore this message: your password stays as it is.\n`,
          };
    });
  }

  /** Registration answers the same for a known address; the owner learns of the attempt here. */
  async sendRegistrationAttempt(userId: string, requestId: string): Promise<void> {
    await this.sendOnce(`registration-attempt:${requestId}`, async (m) => {
      const user = await m.findOneBy(User, { id: userId });
      if (!user) return null;
      const web = this.env.WEB_URL;
      return user.locale !== 'en-US'
        ? {
            to: user.email,
            subject: '三社联动：有人尝试用您的邮箱注册',
            text: `${user.displayName}，您好！\n\n有人尝试用本邮箱注册三社联动账号，但该邮箱已有账号。\n如果是您本人，请直接登录：${web}/login\n忘记密码可在此重设：${web}/forgot-password\n如果不是您本人，请忽略本邮件，您的账号没有任何变化。\n`,
          }
        : {
            to: user.email,
            subject: 'Sanshe Linkage: someone tried to register with your e-mail',
            text: `Hello ${user.displayName},\n\nSomeone tried to register a Sanshe Linkage account with this e-mail, which already has one.\nIf it was you, sign in: ${web}/login\nForgot your password? Reset it: ${web}/forgot-password\nIf it was not you, ignore this message: nothing changed on your account.\n`,
          };
    });
  }

  /**
   * Tells a person of the role granted to them. While their address is unverified (an account made
   * for them by the grant) the mail carries a link to set their password, which also proves the
   * address and so makes the grant take effect.
   */
  async sendRoleGranted(grantId: string): Promise<void> {
    await this.sendOnce(`role-granted:${grantId}`, async (m) => {
      const g = await grantForMail(m, grantId);
      if (!g || g.revoked) return null;
      const user = await m.findOneBy(User, { id: g.user_id });
      if (!user) return null;
      const days = INVITE_LINK_TTL_DAYS;
      const link = user.emailVerifiedAt
        ? `${this.env.WEB_URL}/login`
        : `${this.env.WEB_URL}/welcome#${await mintEmailToken(m, user, 'reset_password', days * 24 * 60)}`;
      const zh = ROLE_NAMES_ZH[g.role] ?? g.role;
      return user.locale !== 'en-US'
        ? {
            to: user.email,
            subject: `三社联动：您已获授权「${g.region} ${zh}」`,
            text: user.emailVerifiedAt
              ? `${user.displayName}，您好！\n\n${g.granter} 授予您 ${g.region} 的「${zh}」角色。登录即可使用：\n${link}\n`
              : `${user.displayName}，您好！\n\n${g.granter} 授予您 ${g.region} 的「${zh}」角色，并为您创建了三社联动账号。请在 ${days} 天内打开以下链接设置密码（同时验证本邮箱，之后角色生效）：\n${link}\n\n如果您不认识授权人，请忽略本邮件。\n`,
          }
        : {
            to: user.email,
            subject: `Sanshe Linkage: you were granted ${g.role} for ${g.region}`,
            text: user.emailVerifiedAt
              ? `Hello ${user.displayName},\n\n${g.granter} granted you the role ${g.role} for ${g.region}. Sign in to use it:\n${link}\n`
              : `Hello ${user.displayName},\n\n${g.granter} granted you the role ${g.role} for ${g.region} and made you a Sanshe Linkage account. Open this link within ${days} days to set your password (it also verifies this address; the role takes effect then):\n${link}\n\nIf you do not know who granted it, ignore this message.\n`,
          };
    });
  }

  /** Tells the admins of every organization with a live bid that the tender changed (verified addresses only). */
  async sendTenderAmended(tenderId: string, amendmentId: string): Promise<number> {
    const recipients = await amendmentRecipients(this.dataSource, tenderId, amendmentId);
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
   * The message may be composed inside that transaction (writes such as a link's token commit
   * only with the send); composing null sends nothing.
   */
  async sendOnce(
    key: string,
    message: MailMessage | ((m: EntityManager) => Promise<MailMessage | null>),
  ): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      if (!(await claimMailKey(m, key))) {
        this.logger.log(`mail ${key} already sent; skipping`);
        return;
      }
      const composed = typeof message === 'function' ? await message(m) : message;
      if (composed) await this.transport.sendMail({ from: this.env.MAIL_FROM, ...composed });
    });
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
