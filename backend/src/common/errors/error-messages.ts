import type { ErrorCode } from './domain-error.js';

/** Codes the HTTP layer itself answers with (Nest's and Node's refusals), beside the services' ErrorCodes. */
export type HttpErrorCode =
  | 'request.invalid'
  | 'request.too_large'
  | 'request.unsupported_media_type'
  | 'request.method_not_allowed'
  | 'request.headers_too_large'
  | 'request.timeout'
  | 'internal';

/** Every code an error body of the API can carry. */
export type ApiErrorCode = ErrorCode | HttpErrorCode;

export const MESSAGE_LANGS = ['en', 'zh'] as const;
export type MessageLang = (typeof MESSAGE_LANGS)[number];

/**
 * The registry of error codes with a person's words for each, per language: the API answers a
 * caller who prefers Chinese (`Accept-Language: zh…`) with these instead of the English message of
 * the place that failed (error.filter.ts). The web app keeps a translation of every code listed
 * here in each of its languages (frontend/src/app/shared/error-texts.spec.ts checks it): a code
 * added here without one fails that test.
 */
export const ERROR_MESSAGES: Record<ApiErrorCode, Record<MessageLang, string>> = {
  'validation.failed': { en: 'Some of the input is invalid', zh: '提交的内容有误，请检查后重试' },
  'auth.unauthenticated': { en: 'Please sign in first', zh: '请先登录' },
  'auth.invalid_credentials': { en: 'E-mail or password is wrong', zh: '邮箱或密码不正确' },
  'auth.token_expired': {
    en: 'Your session has expired, please sign in again',
    zh: '登录已过期，请重新登录',
  },
  'auth.token_invalid': {
    en: 'Your session is not valid, please sign in again',
    zh: '登录状态无效，请重新登录',
  },
  'auth.refresh_reused': { en: 'Your session was ended, please sign in again', zh: '登录已失效，请重新登录' },
  'auth.too_many_attempts': {
    en: 'Too many sign-in attempts; wait a little and try again',
    zh: '登录尝试次数过多，请稍后再试',
  },
  'auth.forbidden': { en: 'Your role may not do this', zh: '您的角色无权执行此操作' },
  'auth.out_of_scope': {
    en: 'This lies outside the area you are responsible for',
    zh: '该内容不在您的负责范围内',
  },
  'auth.csrf_rejected': {
    en: 'The request was refused; reload the page and try again',
    zh: '请求被拒绝，请刷新页面后重试',
  },
  'auth.link_invalid': { en: 'This link is not valid or was already used', zh: '链接无效或已被使用' },
  'auth.link_expired': {
    en: 'This link has expired, please ask for a new one',
    zh: '链接已过期，请重新申请',
  },
  'resource.not_found': { en: 'Not found', zh: '未找到该内容' },
  'state.conflict': { en: 'This conflicts with the current state', zh: '与当前状态冲突，请刷新后重试' },
  'state.invalid_transition': {
    en: 'This step is not possible in the current state',
    zh: '当前状态下不能执行此步骤',
  },
  'organization.ineligible': {
    en: 'The organization does not meet the requirements',
    zh: '该组织不符合要求',
  },
  'organization.name_taken': {
    en: 'A verified organization of this district already has this name',
    zh: '本区已有同名的已认证组织',
  },
  'task.not_admitted': {
    en: 'This service is not on the list of purchasable services',
    zh: '该服务不在政府购买服务目录内',
  },
  'budget.insufficient': { en: 'The budget has not enough left', zh: '预算余额不足' },
  'fund.insufficient': { en: 'The fund has not enough left', zh: '基金余额不足' },
  'vote.already_cast': { en: 'You have already voted on this question', zh: '您已就此议题投过票' },
  'vote.not_eligible': {
    en: 'Only verified residents of the area may vote',
    zh: '只有本区域已认证的居民可以投票',
  },
  'activity.full': { en: 'Every place of this activity is taken', zh: '该活动名额已满' },
  'time_bank.insufficient_credits': { en: 'Not enough time credits', zh: '时间币不足' },
  'tender.closed': { en: 'The tender is no longer open', zh: '该招标已截止' },
  'panel.too_few_eligible': { en: 'Too few evaluators are eligible', zh: '符合条件的评审专家不足' },
  'file.too_large': { en: 'The file is too large', zh: '文件太大' },
  'file.unsupported_type': { en: 'This type of file is not accepted here', zh: '不支持此文件类型' },
  'file.unreadable': { en: 'The file cannot be read', zh: '无法读取该文件' },
  'document.not_scanned': {
    en: 'The file is still being checked for viruses',
    zh: '文件正在进行病毒扫描，请稍候',
  },
  'document.infected': { en: 'The file contained a virus and was deleted', zh: '文件含有病毒，已被删除' },
  'document.wrong_purpose': { en: 'This document belongs to something else', zh: '该文件不属于此处' },
  'document.sealed': {
    en: 'Bid files stay sealed until the bid deadline',
    zh: '投标文件在投标截止前保持密封',
  },
  'disbursement.deliverables_missing': {
    en: 'The milestone still lacks required deliverables',
    zh: '该里程碑仍缺少必需的成果材料',
  },
  'scanner.unavailable': {
    en: 'The virus scanner is not available; try again later',
    zh: '病毒扫描暂不可用，请稍后再试',
  },
  'import.invalid_file': {
    en: 'The file is not the template or cannot be read',
    zh: '文件不是模板格式或无法读取',
  },
  'import.rows_invalid': {
    en: 'Some rows have errors; nothing was imported',
    zh: '部分行有错误，未导入任何内容',
  },
  'grant.duties_conflict': {
    en: 'One person cannot hold both duties of this street',
    zh: '同一人不能同时担任本街道的这两项职责',
  },
  'region.name_taken': { en: 'A region here already has this name', zh: '此处已有同名区域' },
  'catalog.code_taken': { en: 'This code is already in use', zh: '该编码已被使用' },
  'reference.retired': { en: 'This region or category has been retired', zh: '该区域或类别已停用' },
  'retire.live_children': { en: 'Retire its children first', zh: '请先停用其下级' },
  'export.expired': { en: 'This export has expired; request a new one', zh: '该导出文件已过期，请重新导出' },
  'ocds.bulk_unavailable': {
    en: 'The bulk file is being built; try again later',
    zh: '数据包正在生成，请稍后再试',
  },
  'webhook.invalid_signature': { en: 'The signature is not valid', zh: '签名无效' },
  'payments.unavailable': { en: 'Online payment is not available right now', zh: '在线支付暂不可用' },
  'payments.provider_error': {
    en: 'The payment provider did not answer as expected',
    zh: '支付服务商返回异常，请稍后再试',
  },
  'idempotency.key_reused': {
    en: 'This request was already sent with other content',
    zh: '该请求已以不同内容提交过',
  },
  'idempotency.in_flight': { en: 'This request is still being processed', zh: '该请求仍在处理中' },
  'precondition.failed': {
    en: 'Someone else changed this since you opened it',
    zh: '此内容在您打开后已被他人修改，请刷新后再试',
  },
  rate_limited: { en: 'Too many requests; try again later', zh: '请求过于频繁，请稍后再试' },
  'request.invalid': { en: 'The request is malformed', zh: '请求格式有误' },
  'request.too_large': { en: 'The request is too large', zh: '请求内容过大' },
  'request.unsupported_media_type': { en: 'This type of content is not accepted', zh: '不支持此内容类型' },
  'request.method_not_allowed': { en: 'This method is not allowed here', zh: '此处不支持该请求方法' },
  'request.headers_too_large': { en: 'The request headers are too large', zh: '请求头过大' },
  'request.timeout': { en: 'The request took too long to arrive', zh: '请求超时' },
  internal: { en: 'Internal server error', zh: '服务器内部错误，请稍后再试' },
};

/**
 * The language a caller asked for in `Accept-Language` among those the messages are written in,
 * by preference (q) then order; null when it names none of them.
 */
export function preferredMessageLang(acceptLanguage: string | string[] | undefined): MessageLang | null {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage;
  if (!header) return null;
  const ranges = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((r) => r.tag && Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranges) {
    const lang = MESSAGE_LANGS.find((l) => tag === l || tag.startsWith(`${l}-`));
    if (lang) return lang;
  }
  return null;
}

/**
 * The message for a caller: the registry's Chinese words when they prefer Chinese, else the
 * specific English message of the place that failed (the API's default).
 */
export function localizedMessage(
  error: { code: string; message: string },
  acceptLanguage: string | string[] | undefined,
): string {
  if (preferredMessageLang(acceptLanguage) !== 'zh') return error.message;
  return Object.hasOwn(ERROR_MESSAGES, error.code)
    ? ERROR_MESSAGES[error.code as ApiErrorCode].zh
    : error.message;
}
