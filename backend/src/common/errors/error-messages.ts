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

/** The languages of the registry's words, in the order each code lists them. */
export const MESSAGE_LANGS = ['en', 'zh'] as const;
export type MessageLang = (typeof MESSAGE_LANGS)[number];

/**
 * The registry of error codes with a person's words for each, in English then Chinese: the API answers a
 * caller who prefers Chinese (`Accept-Language: zh…`) with these instead of the English message of
 * the place that failed (error.filter.ts). The web app keeps a translation of every code listed
 * here in each of its languages (frontend/src/app/shared/error-texts.spec.ts checks it): a code
 * added here without one fails that test.
 */
export const ERROR_MESSAGES: Record<ApiErrorCode, readonly [en: string, zh: string]> = {
  'validation.failed': ['Some of the input is invalid', '提交的内容有误，请检查后重试'],
  'auth.unauthenticated': ['Please sign in first', '请先登录'],
  'auth.invalid_credentials': ['E-mail or password is wrong', '邮箱或密码不正确'],
  'auth.token_expired': ['Your session has expired, please sign in again', '登录已过期，请重新登录'],
  'auth.token_invalid': ['Your session is not valid, please sign in again', '登录状态无效，请重新登录'],
  'auth.refresh_reused': ['Your session was ended, please sign in again', '登录已失效，请重新登录'],
  'auth.too_many_attempts': [
    'Too many sign-in attempts; wait a little and try again',
    '登录尝试次数过多，请稍后再试',
  ],
  'auth.forbidden': ['Your role may not do this', '您的角色无权执行此操作'],
  'auth.out_of_scope': ['This lies outside the area you are responsible for', '该内容不在您的负责范围内'],
  'auth.csrf_rejected': [
    'The request was refused; reload the page and try again',
    '请求被拒绝，请刷新页面后重试',
  ],
  'auth.link_invalid': ['This link is not valid or was already used', '链接无效或已被使用'],
  'auth.link_expired': ['This link has expired, please ask for a new one', '链接已过期，请重新申请'],
  'resource.not_found': ['Not found', '未找到该内容'],
  'state.conflict': ['This conflicts with the current state', '与当前状态冲突，请刷新后重试'],
  'state.invalid_transition': ['This step is not possible in the current state', '当前状态下不能执行此步骤'],
  'organization.ineligible': ['The organization does not meet the requirements', '该组织不符合要求'],
  'organization.name_taken': [
    'A verified organization of this district already has this name',
    '本区已有同名的已认证组织',
  ],
  'task.not_admitted': [
    'This service is not on the list of purchasable services',
    '该服务不在政府购买服务目录内',
  ],
  'budget.insufficient': ['The budget has not enough left', '预算余额不足'],
  'fund.insufficient': ['The fund has not enough left', '基金余额不足'],
  'vote.already_cast': ['You have already voted on this question', '您已就此议题投过票'],
  'vote.not_eligible': ['Only verified residents of the area may vote', '只有本区域已认证的居民可以投票'],
  'activity.full': ['Every place of this activity is taken', '该活动名额已满'],
  'time_bank.insufficient_credits': ['Not enough time credits', '时间币不足'],
  'tender.closed': ['The tender is no longer open', '该招标已截止'],
  'panel.too_few_eligible': ['Too few evaluators are eligible', '符合条件的评审专家不足'],
  'file.too_large': ['The file is too large', '文件太大'],
  'file.unsupported_type': ['This type of file is not accepted here', '不支持此文件类型'],
  'file.unreadable': ['The file cannot be read', '无法读取该文件'],
  'document.not_scanned': ['The file is still being checked for viruses', '文件正在进行病毒扫描，请稍候'],
  'document.infected': ['The file contained a virus and was deleted', '文件含有病毒，已被删除'],
  'document.wrong_purpose': ['This document belongs to something else', '该文件不属于此处'],
  'document.sealed': ['Bid files stay sealed until the bid deadline', '投标文件在投标截止前保持密封'],
  'disbursement.deliverables_missing': [
    'The milestone still lacks required deliverables',
    '该里程碑仍缺少必需的成果材料',
  ],
  'scanner.unavailable': [
    'The virus scanner is not available; try again later',
    '病毒扫描暂不可用，请稍后再试',
  ],
  'import.invalid_file': ['The file is not the template or cannot be read', '文件不是模板格式或无法读取'],
  'import.rows_invalid': ['Some rows have errors; nothing was imported', '部分行有错误，未导入任何内容'],
  'grant.duties_conflict': [
    'One person cannot hold both duties of this street',
    '同一人不能同时担任本街道的这两项职责',
  ],
  'region.name_taken': ['A region here already has this name', '此处已有同名区域'],
  'catalog.code_taken': ['This code is already in use', '该编码已被使用'],
  'reference.retired': ['This region or category has been retired', '该区域或类别已停用'],
  'retire.live_children': ['Retire its children first', '请先停用其下级'],
  'export.expired': ['This export has expired; request a new one', '该导出文件已过期，请重新导出'],
  'ocds.bulk_unavailable': ['The bulk file is being built; try again later', '数据包正在生成，请稍后再试'],
  'webhook.invalid_signature': ['The signature is not valid', '签名无效'],
  'payments.unavailable': ['Online payment is not available right now', '在线支付暂不可用'],
  'payments.provider_error': [
    'The payment provider did not answer as expected',
    '支付服务商返回异常，请稍后再试',
  ],
  'idempotency.key_reused': ['This request was already sent with other content', '该请求已以不同内容提交过'],
  'idempotency.in_flight': ['This request is still being processed', '该请求仍在处理中'],
  'precondition.failed': [
    'Someone else changed this since you opened it',
    '此内容在您打开后已被他人修改，请刷新后再试',
  ],
  rate_limited: ['Too many requests; try again later', '请求过于频繁，请稍后再试'],
  'request.invalid': ['The request is malformed', '请求格式有误'],
  'request.too_large': ['The request is too large', '请求内容过大'],
  'request.unsupported_media_type': ['This type of content is not accepted', '不支持此内容类型'],
  'request.method_not_allowed': ['This method is not allowed here', '此处不支持该请求方法'],
  'request.headers_too_large': ['The request headers are too large', '请求头过大'],
  'request.timeout': ['The request took too long to arrive', '请求超时'],
  internal: ['Internal server error', '服务器内部错误，请稍后再试'],
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
  if (preferredMessageLang(acceptLanguage) !== 'zh' || !Object.hasOwn(ERROR_MESSAGES, error.code)) {
    return error.message;
  }
  const [, zh] = ERROR_MESSAGES[error.code as ApiErrorCode];
  return zh;
}
