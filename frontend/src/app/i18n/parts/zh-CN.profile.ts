/**
 * The Chinese strings of the profile pages, loaded with their routes (parts/index.ts). A key that
 * other features draw too belongs in common.
 */
export const zhCNProfile = {
  'profile.displayName': '姓名',
  'profile.email': '电子邮箱',
  'profile.emailUnverified': '未验证',
  'profile.emailVerified': '已验证',
  'profile.noRoles': '暂无角色',
  'profile.phone': '手机号',
  'profile.phoneUnverified': '仅作联系方式，未验证',
  'profile.resend': '重新发送验证邮件',
  'profile.resent': '验证邮件已发送，请查收',
  'profile.roles': '角色',
  'profile.title': '个人资料',
} as const;
