// Names of the household sheet's codes: how a person is tied to a house, why they left it, and the
// house facts a worker records at the door (codes of household.ts and migration 0025).
import type { Bilingual } from './index.ts';

export const HOUSE_LINK_LABELS = {
  resident: { zh: '居住', en: 'Lives here' },
  tenant: { zh: '租住', en: 'Tenant' },
  owner: { zh: '产权人', en: 'Owner' },
} as const satisfies Record<string, Bilingual>;

export const HOUSE_LINK_END_LABELS = {
  moved_out: { zh: '迁出', en: 'Moved out' },
  deceased: { zh: '死亡', en: 'Deceased' },
  deregistered: { zh: '注销', en: 'Deregistered' },
  other: { zh: '其他', en: 'Other' },
} as const satisfies Record<string, Bilingual>;

export const HOUSE_OWNERSHIP_LABELS = {
  private: { zh: '私产', en: 'Private' },
  public: { zh: '公产', en: 'Public' },
  collective: { zh: '集体产', en: 'Collective' },
  unit: { zh: '单位产', en: "Employer's" },
  other: { zh: '其他', en: 'Other' },
} as const satisfies Record<string, Bilingual>;

export const HOUSE_OCCUPANCY_LABELS = {
  occupied: { zh: '常住', en: 'Lived in' },
  vacant: { zh: '空置', en: 'Vacant' },
  seasonal: { zh: '季节性居住', en: 'Seasonal' },
} as const satisfies Record<string, Bilingual>;

export const HOUSE_USE_LABELS = {
  residential: { zh: '住宅', en: 'Residential' },
  commercial: { zh: '商业', en: 'Commercial' },
  mixed: { zh: '商住两用', en: 'Mixed residential and commercial' },
  office: { zh: '办公', en: 'Office' },
  industrial: { zh: '工业厂房', en: 'Industrial' },
  warehouse: { zh: '仓储', en: 'Warehouse' },
  public: { zh: '公共设施', en: 'Public facility' },
  other: { zh: '其他', en: 'Other' },
} as const satisfies Record<string, Bilingual>;
