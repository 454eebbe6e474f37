// The problems a resident reports, in the words a resident uses; each is one case category.
// Staff categories name the rule broken ("消防安全隐患"); a resident names what they see.

export const RESIDENT_CATEGORY_CODES = [
  'SG02-01',
  'CG01-01',
  'CG01-02',
  'CG06-02',
  'CG06-01',
  'CG06-03',
  'CG05-01',
  'CG04-01',
  'CG03-02',
  'SG01-02',
] as const;
export type ResidentCategoryCode = (typeof RESIDENT_CATEGORY_CODES)[number];

export const RESIDENT_CATEGORY_LABELS: Readonly<Record<ResidentCategoryCode, { zh: string; en: string }>> = {
  'SG02-01': { zh: '楼道堆放杂物', en: 'Things piled in the stairwell' },
  'CG01-01': { zh: '垃圾没人清', en: 'Rubbish left lying' },
  'CG01-02': { zh: '乱堆乱放', en: 'Clutter piled outside' },
  'CG06-02': { zh: '路灯不亮', en: 'Street light out' },
  'CG06-01': { zh: '井盖坏了或丢了', en: 'Manhole cover broken or missing' },
  'CG06-03': { zh: '路面坏了', en: 'Road surface broken' },
  'CG05-01': { zh: '路上积水', en: 'Water standing on the road' },
  'CG04-01': { zh: '乱停车', en: 'Car parked in the way' },
  'CG03-02': { zh: '施工太吵', en: 'Noisy building work' },
  'SG01-02': { zh: '邻里矛盾', en: 'Trouble with neighbours' },
};
