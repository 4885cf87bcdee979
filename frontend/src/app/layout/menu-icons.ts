import * as icons from '@ant-design/icons-angular/icons';

/**
 * The icons of the side menu's entries (menu.ts) and of the signed-in header (bell, user menu):
 * registered by the menu's and the user menu's code, which the shell loads after the first paint.
 * The pages' icons are in app.icons.ts.
 */
export const MENU_ICONS = [
  icons.AccountBookOutline,
  icons.AuditOutline,
  icons.BankOutline,
  icons.BellOutline,
  icons.BulbOutline,
  icons.CheckCircleOutline,
  icons.CheckSquareOutline,
  icons.CommentOutline,
  icons.DownOutline,
  icons.EnvironmentOutline,
  icons.ExportOutline,
  icons.EyeInvisibleOutline,
  icons.FileSearchOutline,
  icons.FormOutline,
  icons.GiftOutline,
  icons.GlobalOutline,
  icons.HeartOutline,
  icons.HomeOutline,
  icons.IdcardOutline,
  icons.LikeOutline,
  icons.LogoutOutline,
  icons.MoneyCollectOutline,
  icons.ProjectOutline,
  icons.SafetyCertificateOutline,
  icons.ScheduleOutline,
  icons.SettingOutline,
  icons.SlidersOutline,
  icons.SmileOutline,
  icons.SolutionOutline,
  icons.StarOutline,
  icons.TeamOutline,
  icons.TrophyOutline,
  icons.UserOutline,
  icons.UsergroupAddOutline,
  icons.WalletOutline,
];
