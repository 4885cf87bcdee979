import type { zhCNDirectory } from './zh-CN.directory';

/** English strings of zh-CN.directory.ts, with exactly its keys. */
export const enUSDirectory: Record<keyof typeof zhCNDirectory, string> = {
  'directory.community': 'Community',
  'directory.empty': 'No organization matches',
  'directory.grade': 'Grade {grade}',
  'directory.gradeAtLeast': '{grade} or better',
  'directory.minGrade': 'Minimum grade',
  'directory.notFound': 'This organization is not in the directory',
  'directory.reset': 'Clear filters',
  'directory.scoreLink': 'See the performance score',
  'directory.sort.grade': 'By grade',
  'directory.sort.name': 'By name',
  'directory.sort.newest': 'Newest',
  'directory.sort.score': 'By performance score',
  'directory.subtitle': 'Social organizations verified by the street offices, open to everyone.',
  'directory.tier': 'Performance tier',
  'directory.title': 'Organization directory',
  'publicProjects.orgLink': 'See this organization’s projects',
};
