/**
 * The Chinese strings of the memberships pages, loaded with their routes (parts/index.ts). A key that
 * other features draw too belongs in common.
 */
export const zhCNMemberships = {
  'memberships.accept': '接受',
  'memberships.accepted': '已加入该组织',
  'memberships.decline': '拒绝',
  'memberships.declined': '已拒绝邀请',
  'memberships.invitations': '收到的邀请',
  'memberships.invitedAs': '邀请发送至 {contact}',
  'memberships.noInvitations': '暂无邀请',
  'memberships.noOrganizations': '您还没有加入任何组织',
  'memberships.organizations': '我所在的组织',
  'memberships.recordQualification': '登记我的职业资格',
  'memberships.verify': '去验证邮箱',
} as const;
