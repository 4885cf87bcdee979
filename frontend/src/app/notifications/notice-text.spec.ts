import type { NotificationDto } from '../api/models';
import type { I18nKey } from '../i18n/zh-CN';
import { enUS } from '../i18n/en-US';
import { zhCN } from '../i18n/zh-CN';
import { formatTime, noticeText } from './notice-text';

const translator =
  (dict: Record<I18nKey, string>) =>
  (key: I18nKey, params?: Record<string, string>): string =>
    dict[key].replace(/\{(\w+)\}/g, (m, name: string) => params?.[name] ?? m);

const notice = (overrides: Partial<NotificationDto>): NotificationDto => ({
  id: 'n1',
  type: 'tender_published',
  params: {},
  link: null,
  createdAt: '2026-03-01T00:00:00.000Z',
  readAt: null,
  ...overrides,
});

describe('noticeText', () => {
  it('renders a tender notice with its deadline in China Standard Time', () => {
    const n = notice({
      params: { tenderId: 't1', title: '春晖社区居家养老', deadline: '2026-03-10T02:00:00.000Z' },
    });
    expect(noticeText(n, translator(zhCN), 'zh-CN')).toEqual({
      title: '新招标：春晖社区居家养老',
      body: `投标截止：${formatTime('2026-03-10T02:00:00.000Z', 'zh-CN')}`,
    });
    expect(formatTime('2026-03-10T02:00:00.000Z', 'en-US')).toContain('10:00');
  });

  it('tells the winner it won and the others who did', () => {
    const won = notice({
      type: 'tender_result',
      params: { title: '助餐', awarded: true, organizationName: '甲' },
    });
    const lost = notice({
      type: 'tender_result',
      params: { title: '助餐', awarded: false, organizationName: '甲' },
    });
    expect(noticeText(won, translator(enUS), 'en-US').body).toBe('Congratulations, your organization won.');
    expect(noticeText(lost, translator(enUS), 'en-US').body).toBe('Awarded to 甲');
  });

  it('names the step an approval waits for and the amount in yuan', () => {
    const n = notice({
      type: 'approval_waiting',
      params: {
        milestoneName: '首期',
        contractTitle: '助老服务',
        organizationName: '阳光中心',
        amountFen: 2_000_000,
        step: 'finance_approved',
      },
    });
    expect(noticeText(n, translator(zhCN), 'zh-CN')).toEqual({
      title: '待您处理：首期',
      body: '阳光中心 · 助老服务 · ¥20,000.00：待主任审批',
    });
  });

  it('has a title and a line in both languages for every type', () => {
    for (const type of [
      'tender_published',
      'deadline_near',
      'tender_result',
      'approval_waiting',
      'payout_paid',
      'payout_failed',
      'rating_received',
    ] as const) {
      for (const [dict, lang] of [
        [zhCN, 'zh-CN'],
        [enUS, 'en-US'],
      ] as const) {
        const text = noticeText(notice({ type, params: { stars: 4, reason: 'x' } }), translator(dict), lang);
        expect(text.title).not.toContain('notifications.');
        expect(text.body).not.toContain('notifications.');
      }
    }
  });
});
