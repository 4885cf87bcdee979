/**
 * The Chinese strings of the directory pages, loaded with their routes (parts/index.ts). A key that
 * other features draw too belongs in common.
 */
export const zhCNDirectory = {
  'directory.community': '社区',
  'directory.empty': '没有符合条件的组织',
  'directory.grade': '评估等级 {grade}',
  'directory.gradeAtLeast': '{grade} 及以上',
  'directory.minGrade': '最低等级',
  'directory.notFound': '名录中没有这个组织',
  'directory.reset': '清除筛选',
  'directory.scoreLink': '查看绩效评分',
  'directory.sort.grade': '按等级',
  'directory.sort.name': '按名称',
  'directory.sort.newest': '最新登记',
  'directory.sort.score': '按绩效评分',
  'directory.subtitle': '经街道审核认证的社会组织，任何人都可以查阅。',
  'directory.tier': '绩效等级',
  'directory.title': '社会组织名录',
  'publicProjects.orgLink': '查看该组织的项目',
} as const;
