import type { CellKind, CellValue } from './export-format.js';
import type { ExportDataset, ExportLang } from './export-job.entity.js';

type Row = Record<string, unknown>;

export interface ExportColumn {
  zh: string;
  en: string;
  kind: CellKind;
  /** Spreadsheet column width in characters. */
  width: number;
  value: (row: Row, lang: ExportLang) => CellValue;
}

/** What to export and for whom; dates are inclusive, China Standard Time. */
export interface ExportScope {
  streetId: string | null;
  organizationId: string | null;
  dateFrom: string | null;
  dateTo: string | null;
}

export interface DatasetDefinition {
  /** The sheet name and the start of the file name. */
  title: Record<ExportLang, string>;
  columns: ExportColumn[];
  /** `SELECT … FROM … JOIN …`: the rows before they are narrowed to the scope (statementOf). */
  select: string;
  /** The rows of the street or of the organization, whose id is $1. */
  owner: { street: string; organization: string };
  /** The rows in the date range, $2 = from date, $3 = to date (either may be null). */
  dates: string;
  /** A stable order. */
  orderBy: string;
}

/** zh-CN headers carry the English in parentheses; en-US headers are English only. */
export const headerOf = (column: ExportColumn, lang: ExportLang) =>
  lang === 'zh-CN' ? `${column.zh} (${column.en})` : column.en;

type Labels = Record<string, [zh: string, en: string]>;

const label = (labels: Labels, value: unknown, lang: ExportLang): string | null => {
  if (value === null || value === undefined) return null;
  const pair = labels[String(value)];
  return pair ? pair[lang === 'zh-CN' ? 0 : 1] : String(value);
};

const ACTIVITY: Labels = {
  casework: ['个案', 'Casework'],
  group_work: ['小组', 'Group work'],
  community_activity: ['社区活动', 'Community activity'],
  home_visit: ['入户探访', 'Home visit'],
  consultation: ['咨询', 'Consultation'],
  other: ['其他', 'Other'],
};
const RECORD_STATUS: Labels = {
  submitted: ['待审核', 'Submitted'],
  approved: ['已通过', 'Approved'],
  rejected: ['已驳回', 'Rejected'],
  reversed: ['已冲销', 'Reversed'],
};
const DISBURSEMENT_STATUS: Labels = {
  requested: ['已申请', 'Requested'],
  accepted: ['已验收', 'Accepted'],
  finance_approved: ['财务已审批', 'Finance approved'],
  approved: ['已审批', 'Approved'],
  paid: ['已支付', 'Paid'],
  failed: ['支付失败', 'Failed'],
  rejected: ['已退回', 'Rejected'],
};
const METHOD: Labels = { treasury: ['国库集中支付', 'Treasury'], stripe: ['Stripe', 'Stripe'] };

const col = (zh: string, en: string, kind: CellKind, width: number, key: string): ExportColumn => ({
  zh,
  en,
  kind,
  width,
  value: (row) => (row[key] ?? null) as CellValue,
});
const labelled = (zh: string, en: string, width: number, key: string, labels: Labels): ExportColumn => ({
  zh,
  en,
  kind: 'text',
  width,
  value: (row, lang) => label(labels, row[key], lang),
});

/** "$n::date IS NULL OR column >= start of that day in Shanghai", and the end bound likewise. */
const fromBound = (column: string) =>
  `($2::date IS NULL OR ${column} >= ($2::date)::timestamp AT TIME ZONE 'Asia/Shanghai')`;
const toBound = (column: string) =>
  `($3::date IS NULL OR ${column} < ($3::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;
/** Rows whose timestamp `column` falls on the days of the range, in Shanghai. */
const onDays = (column: string) => `${fromBound(column)} AND ${toBound(column)}`;

/** The dataset's one SELECT for a scope, in its stable order, with $1 = scope id, $2 = from date, $3 = to date. */
export const statementOf = (dataset: DatasetDefinition, scope: ExportScope) => ({
  sql: `${dataset.select}
             WHERE ${scope.streetId ? dataset.owner.street : dataset.owner.organization} AND ${dataset.dates}
             ORDER BY ${dataset.orderBy}`,
  params: [scope.streetId ?? scope.organizationId, scope.dateFrom, scope.dateTo],
});

export const DATASETS: Record<ExportDataset, DatasetDefinition> = {
  /** A street's: the records of projects under its contracts; an organization's: its projects' records. */
  service_records: {
    title: { 'zh-CN': '服务记录', 'en-US': 'service-records' },
    columns: [
      col('记录编号', 'Record ID', 'text', 38, 'id'),
      col('项目', 'Project', 'text', 30, 'project'),
      col('社会组织', 'Organization', 'text', 28, 'organization'),
      col('社工', 'Social worker', 'text', 14, 'worker'),
      labelled('服务类型', 'Activity type', 14, 'activity_type', ACTIVITY),
      col('社区', 'Community', 'text', 14, 'community'),
      col('开始时间', 'Start (Asia/Shanghai)', 'datetime', 20, 'started_at'),
      col('结束时间', 'End (Asia/Shanghai)', 'datetime', 20, 'ended_at'),
      col('时长（小时）', 'Hours', 'decimal', 10, 'hours'),
      col('受益居民数', 'Listed beneficiaries', 'int', 12, 'beneficiaries'),
      col('匿名服务人数', 'Anonymous count', 'int', 12, 'anonymous_count'),
      col('地点', 'Location', 'text', 24, 'location'),
      col('备注', 'Notes', 'text', 40, 'notes'),
      labelled('状态', 'Status', 10, 'status', RECORD_STATUS),
      col('审核意见', 'Decision reason', 'text', 24, 'decision_reason'),
      col('提交时间', 'Submitted at (Asia/Shanghai)', 'datetime', 20, 'created_at'),
    ],
    select: `SELECT sr.id, p.title AS project, o.name AS organization, w.display_name AS worker, sr.activity_type,
                   c.name AS community, sr.started_at, sr.ended_at,
                   round(extract(epoch FROM sr.ended_at - sr.started_at) / 3600.0, 2)::float8 AS hours,
                   (SELECT count(*) FROM record_beneficiaries b WHERE b.record_id = sr.id)::int AS beneficiaries,
                   sr.anonymous_count, sr.location, sr.notes, sr.status, sr.decision_reason, sr.created_at
              FROM service_records sr
              JOIN projects p ON p.id = sr.project_id
              JOIN contracts k ON k.id = p.contract_id
              JOIN organizations o ON o.id = p.organization_id
              JOIN users w ON w.id = sr.worker_user_id
              JOIN regions c ON c.id = sr.community_id`,
    owner: { street: 'k.street_id = $1', organization: 'p.organization_id = $1' },
    dates: onDays('sr.started_at'),
    orderBy: 'sr.started_at, sr.id',
  },
  disbursements: {
    title: { 'zh-CN': '拨付记录', 'en-US': 'disbursements' },
    columns: [
      col('拨付编号', 'Disbursement ID', 'text', 38, 'id'),
      col('合同', 'Contract', 'text', 30, 'contract'),
      col('里程碑', 'Milestone', 'text', 14, 'milestone'),
      col('社会组织', 'Organization', 'text', 28, 'organization'),
      col('街道', 'Street', 'text', 14, 'street'),
      col('金额（元）', 'Amount (yuan)', 'yuan', 16, 'amount_fen'),
      col('币种', 'Currency', 'text', 8, 'currency'),
      labelled('状态', 'Status', 12, 'status', DISBURSEMENT_STATUS),
      labelled('支付方式', 'Payout method', 14, 'method', METHOD),
      col('凭证号', 'Voucher', 'text', 18, 'voucher'),
      col('支付参考号', 'Provider reference', 'text', 22, 'provider_reference'),
      col('退回原因', 'Rejection reason', 'text', 24, 'rejection_reason'),
      col('申请时间', 'Requested at (Asia/Shanghai)', 'datetime', 20, 'created_at'),
      col('更新时间', 'Updated at (Asia/Shanghai)', 'datetime', 20, 'updated_at'),
    ],
    select: `SELECT d.id, k.title AS contract, m.name AS milestone, o.name AS organization, s.name AS street,
                   d.amount_fen, d.currency, d.status, d.method, d.voucher, d.provider_reference,
                   d.rejection_reason, d.created_at, d.updated_at
              FROM disbursements d
              JOIN contracts k ON k.id = d.contract_id
              LEFT JOIN milestones m ON m.id = d.milestone_id -- none for a fund grant
              JOIN organizations o ON o.id = d.organization_id
              JOIN regions s ON s.id = d.street_id`,
    owner: { street: 'd.street_id = $1', organization: 'd.organization_id = $1' },
    dates: onDays('d.created_at'),
    orderBy: 'd.created_at, d.id',
  },
  /**
   * A street's: the snapshots of the organizations registered in it or holding one of its
   * contracts; an organization's: its own. The date range applies to the period end.
   */
  scores: {
    title: { 'zh-CN': '绩效评分', 'en-US': 'scores' },
    columns: [
      col('社会组织', 'Organization', 'text', 28, 'organization'),
      col('统一社会信用代码', 'Credit code', 'text', 22, 'credit_code'),
      col('统计截止日', 'Period end', 'date', 12, 'period_end'),
      col('公式版本', 'Formula version', 'text', 10, 'formula_version'),
      col('总分', 'Score', 'decimal', 8, 'score'),
      col('等级', 'Tier', 'text', 6, 'tier'),
      col('履约', 'Delivery', 'decimal', 10, 'delivery'),
      col('满意度', 'Satisfaction', 'decimal', 12, 'satisfaction'),
      col('合规', 'Compliance', 'decimal', 12, 'compliance'),
      col('能力', 'Capacity', 'decimal', 10, 'capacity'),
      col('覆盖', 'Reach', 'decimal', 8, 'reach'),
      col('计算时间', 'Computed at (Asia/Shanghai)', 'datetime', 20, 'computed_at'),
    ],
    select: `SELECT o.name AS organization, o.credit_code, ss.period_end::text AS period_end, ss.formula_version,
                   ss.score::float8 AS score, ss.tier,
                   (ss.indicators->>'delivery')::float8 AS delivery,
                   (ss.indicators->>'satisfaction')::float8 AS satisfaction,
                   (ss.indicators->>'compliance')::float8 AS compliance,
                   (ss.indicators->>'capacity')::float8 AS capacity,
                   (ss.indicators->>'reach')::float8 AS reach,
                   ss.computed_at
              FROM score_snapshots ss
              JOIN organizations o ON o.id = ss.organization_id`,
    owner: {
      street: `(o.home_street_id = $1 OR EXISTS (SELECT 1 FROM contracts k WHERE k.organization_id = o.id AND k.street_id = $1))`,
      organization: 'ss.organization_id = $1',
    },
    dates:
      '($2::date IS NULL OR ss.period_end >= $2::date) AND ($3::date IS NULL OR ss.period_end <= $3::date)',
    orderBy: 'ss.period_end, o.name, ss.organization_id, ss.formula_version',
  },
};
