import { renderEmail } from './notification-types.js';

describe('renderEmail', () => {
  const grant = {
    kind: 'fund_grant' as const,
    milestoneName: '楼道灯修缮',
    contractTitle: '和平社区基金',
    organizationName: '和平居民小组',
    amountFen: 500000,
  };
  const url = 'https://example.cn/approvals';

  it('names the step waiting in the subject, so two mails about one grant read differently', () => {
    const approve = renderEmail('approval_waiting', { ...grant, step: 'accepted' }, 'zh-CN', url);
    const record = renderEmail('approval_waiting', { ...grant, step: 'approved' }, 'zh-CN', url);
    expect(approve.subject).toBe('【三社联动】待财务审批：楼道灯修缮');
    expect(record.subject).toBe('【三社联动】待登记国库支付：楼道灯修缮');
    expect(record.text).toContain(
      '和平居民小组的社区基金资助“楼道灯修缮”（和平社区基金，¥5000.00）待登记国库支付。',
    );
    expect(renderEmail('approval_waiting', { ...grant, step: 'approved' }, 'en-US', url).subject).toBe(
      '[Sanshe Linkage] Waiting for treasury payment to record: 楼道灯修缮',
    );
  });

  it('falls back to a plain "waiting for you" for a step it has no words for', () => {
    expect(renderEmail('approval_waiting', grant, 'zh-CN', url).subject).toBe(
      '【三社联动】待您处理：楼道灯修缮',
    );
    expect(renderEmail('approval_waiting', grant, 'en-US', url).subject).toBe(
      '[Sanshe Linkage] Waiting for you: 楼道灯修缮',
    );
  });
});
