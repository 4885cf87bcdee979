import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { timeKeyedPage } from '../../common/database/keyset.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import type { Page, PageQueryDto } from '../../common/pagination/page.js';
import { Env } from '../../config/env.js';
import { type CertificateFont, certificateFont, certificatePdf } from './certificate-pdf.js';
import { certificateKey, certificateSignatureMatches, signCertificate } from './certificate-signature.js';
import { CertificateCheckDto, CertificateDto } from './dto/volunteers.dto.js';
import * as sql from './volunteer-hours.sql.js';
import { lockVolunteer } from './volunteers.sql.js';

const INVALID: CertificateCheckDto = {
  valid: false,
  minutes: null,
  hours: null,
  periodFrom: null,
  periodTo: null,
  issuedAt: null,
  volunteerName: null,
};

/**
 * Certificates of a volunteer's certified hours: a row stating the total, the entries and the
 * period, signed (HMAC) so that the public check, reached by the QR code, tells a genuine
 * certificate from an altered one. The check shows no personal data but the name its holder
 * consents to publish.
 */
@Injectable()
export class VolunteerCertificatesService {
  private readonly key: Buffer;
  private readonly font: CertificateFont | null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly env: Env,
  ) {
    this.key = certificateKey(env);
    const logger = new Logger(VolunteerCertificatesService.name);
    this.font = certificateFont(
      { path: env.CERTIFICATE_FONT, face: env.CERTIFICATE_FONT_FACE },
      env.NODE_ENV === 'production',
      (message) => logger.warn(message),
    );
  }

  async issue(user: AuthUser): Promise<CertificateDto> {
    return this.dataSource.transaction(async (m) => {
      if (!(await lockVolunteer(m, user.id))) throw notFound('Volunteer profile', user.id);
      const totals = await sql.certifiedTotals(m, user.id);
      if (!totals || totals.entries === 0 || !totals.period_from || !totals.period_to)
        throw new DomainError('state.conflict', 'You have no certified hours yet');
      const row = await sql.insertCertificate(m, {
        volunteerId: user.id,
        minutes: totals.minutes,
        entries: totals.entries,
        periodFrom: totals.period_from,
        periodTo: totals.period_to,
      });
      await this.audit.recordChange(
        m,
        user.id,
        'volunteer_certificate.issued',
        ['volunteer_certificate', row.id],
        {
          after: {
            minutes: row.minutes,
            entries: row.entries,
            periodFrom: row.period_from,
            periodTo: row.period_to,
          },
        },
      );
      return this.dto(row);
    });
  }

  async mine(user: AuthUser, query: PageQueryDto): Promise<Page<CertificateDto>> {
    const page = await timeKeyedPage(query, (keyset) => sql.certificatesOf(this.dataSource, user.id, keyset));
    return { ...page, items: page.items.map((row) => this.dto(row)) };
  }

  /** The PDF of one of my certificates; someone else's is not found. */
  async pdf(user: AuthUser, id: string): Promise<{ fileName: string; bytes: Buffer }> {
    const row = await sql.certificateById(this.dataSource, id);
    if (!row || row.volunteer_id !== user.id) throw notFound('Certificate', id);
    const c = this.dto(row);
    const volunteerName = row.publish_name ? row.display_name : null;
    const bytes = await certificatePdf({ ...c, issuedAt: row.issued_at, volunteerName }, this.font);
    return { fileName: `volunteer-certificate-${id}.pdf`, bytes };
  }

  /** Public: genuine (and what it states) or not valid; an unknown id and a wrong signature answer alike. */
  async verify(id: string, signature: string): Promise<CertificateCheckDto> {
    const row = await sql.certificateById(this.dataSource, id);
    if (!row || !certificateSignatureMatches(this.key, row, signature)) return INVALID;
    return {
      valid: true,
      minutes: row.minutes,
      hours: Math.round((row.minutes / 60) * 10) / 10,
      periodFrom: row.period_from,
      periodTo: row.period_to,
      issuedAt: row.issued_at,
      volunteerName: row.publish_name ? row.display_name : null,
    };
  }

  private dto(row: sql.CertificateRow): CertificateDto {
    const signature = signCertificate(this.key, row);
    return {
      id: row.id,
      minutes: row.minutes,
      entries: row.entries,
      periodFrom: row.period_from,
      periodTo: row.period_to,
      issuedAt: row.issued_at,
      signature,
      verifyUrl: `${this.env.WEB_URL.replace(/\/$/, '')}/volunteer-certificates/${row.id}/verify?sig=${signature}`,
    };
  }
}
