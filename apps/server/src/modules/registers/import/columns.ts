// The columns of each register's workbook: the Chinese header users see (the import matches on it),
// an English hint (second row of the template, skipped on import), the field it fills, and the
// vocabulary of enumerations (a cell may hold the Chinese label or the key).
import {
  FIRE_SAFETY_LEVELS,
  HOUSE_STRUCTURES,
  HOUSE_USES,
  RENTAL_HAZARD_LEVELS,
  RESIDENCE_ROLE_FIELDS,
  RESIDENCE_ROLES,
  UNIT_KINDS,
  type VocabularyEntry,
} from '@wangge/rules';
import { ADDRESS_LEVEL_OPTIONS } from '../addresses/rules.ts';

export type RegisterName = 'addresses' | 'people' | 'houses' | 'units';

export interface Column {
  field: string;
  header: string;
  hint: string;
  required?: boolean;
  options?: readonly VocabularyEntry[];
  /** Text format in the template (ID and phone numbers must not become numbers). */
  text?: boolean;
  example: string;
  width?: number;
}

const YES_NO: readonly VocabularyEntry[] = [
  { key: 'true', labelZh: '是', labelEn: 'yes' },
  { key: 'false', labelZh: '否', labelEn: 'no' },
];
export const BOOLEAN_OPTIONS = YES_NO;

const INFLOW_REASONS = RESIDENCE_ROLE_FIELDS.floating.find((f) => f.key === 'inflow_reason')!.options!;
export const INFLOW_REASON_OPTIONS = INFLOW_REASONS;

const PLACE = [
  {
    field: 'addressCode',
    header: '地址编码',
    hint: 'address code (standard address); or give the grid code',
    example: '',
    width: 22,
  },
  {
    field: 'gridCode',
    header: '网格编码',
    hint: 'grid code, 15 digits (when there is no address)',
    text: true,
    example: '120110001001001',
    width: 18,
  },
] satisfies Column[];

export const COLUMNS: Record<RegisterName, readonly Column[]> = {
  // A whole tree in one sheet: each row names its parent by code or by its path of names, and the
  // parent is either registered already or on an earlier row.
  addresses: [
    {
      field: 'code',
      header: '地址编码',
      hint: 'address code; blank: the parent code + "." + sequence',
      text: true,
      example: '',
      width: 20,
    },
    {
      field: 'parentCode',
      header: '上级地址编码',
      hint: "parent's code (registered or on an earlier row); blank for a road",
      text: true,
      example: '',
      width: 20,
    },
    {
      field: 'parentPath',
      header: '上级地址',
      hint: "or the parent's path of names, e.g. 跃进路/8号/1号楼",
      example: '',
      width: 26,
    },
    {
      field: 'level',
      header: '层级',
      hint: 'level (required): road / number / building / unit / floor / room',
      required: true,
      options: ADDRESS_LEVEL_OPTIONS,
      example: '路/街巷',
      width: 10,
    },
    { field: 'name', header: '名称', hint: 'name (required)', required: true, example: '', width: 14 },
    {
      field: 'gridCode',
      header: '网格编码',
      hint: "grid code (15 digits); a road or number may name its community (12); blank: the parent's",
      text: true,
      example: '',
      width: 18,
    },
    {
      field: 'buildingCode',
      header: '建筑编码',
      hint: 'building code, 18 digits (buildings only; links the building matrix)',
      text: true,
      example: '',
      width: 22,
    },
    { field: 'lon', header: '经度', hint: 'longitude (buildings only; places it in its grid)', example: '' },
    { field: 'lat', header: '纬度', hint: 'latitude (buildings only)', example: '' },
    { field: 'unitNo', header: '单元号', hint: 'unit number 1–99 (units)', example: '', width: 8 },
    {
      field: 'floor',
      header: '楼层',
      hint: 'floor −5–200 (floors; a room without a floor above it)',
      example: '',
      width: 8,
    },
    { field: 'room', header: '房号', hint: 'room number (rooms; blank: the name)', example: '', width: 8 },
  ],
  people: [
    { field: 'name', header: '姓名', hint: 'name (required)', required: true, example: '张三', width: 10 },
    {
      field: 'idNumber',
      header: '身份证号码',
      hint: 'ID number, 18 characters (required)',
      required: true,
      text: true,
      example: '120110198503121233',
      width: 22,
    },
    { field: 'phone', header: '联系电话', hint: 'phone', text: true, example: '13812345678', width: 15 },
    { field: 'ethnicity', header: '民族', hint: 'ethnicity', example: '汉族', width: 8 },
    { field: 'hukouPlace', header: '户籍地', hint: 'household registration place', example: '天津市东丽区' },
    ...PLACE,
    {
      field: 'roleKind',
      header: '人员类别',
      hint: 'registered / floating / overseas / left-behind',
      options: RESIDENCE_ROLES,
      example: '户籍人口',
      width: 12,
    },
    { field: 'inflowDate', header: '流入日期', hint: 'inflow date (floating), YYYY-MM-DD', example: '' },
    {
      field: 'inflowReason',
      header: '流入原因',
      hint: 'inflow reason (floating)',
      options: INFLOW_REASONS,
      example: '',
    },
    { field: 'origin', header: '流出地', hint: 'place of origin (floating)', example: '' },
    { field: 'nationality', header: '国籍', hint: 'nationality (overseas)', example: '' },
  ],
  houses: [
    {
      field: 'addressCode',
      header: '地址编码',
      hint: 'address code (required; one house per address)',
      required: true,
      example: '',
      width: 22,
    },
    {
      field: 'use',
      header: '房屋用途',
      hint: 'use (required)',
      required: true,
      options: HOUSE_USES,
      example: '住宅',
    },
    {
      field: 'structure',
      header: '建筑结构',
      hint: 'structure (required)',
      required: true,
      options: HOUSE_STRUCTURES,
      example: '钢筋混凝土结构',
      width: 20,
    },
    { field: 'areaM2', header: '建筑面积（平方米）', hint: 'area in m²', example: '88.5' },
    { field: 'isRental', header: '是否出租', hint: 'rented out? 是/否', options: YES_NO, example: '否' },
    {
      field: 'rentalHazard',
      header: '隐患等级',
      hint: 'rental hazard level (rentals only)',
      options: RENTAL_HAZARD_LEVELS,
      example: '',
    },
    {
      field: 'isDangerous',
      header: '是否危房',
      hint: 'dangerous building? 是/否',
      options: YES_NO,
      example: '否',
    },
    { field: 'note', header: '备注', hint: 'note', example: '' },
  ],
  units: [
    {
      field: 'name',
      header: '单位名称',
      hint: 'name (required)',
      required: true,
      example: '东丽区示例便利店',
      width: 24,
    },
    {
      field: 'kind',
      header: '单位类别',
      hint: 'kind (required)',
      required: true,
      options: UNIT_KINDS,
      example: '个体商户',
    },
    {
      field: 'creditCode',
      header: '统一社会信用代码',
      hint: 'unified social credit code, 18 characters',
      text: true,
      example: '',
      width: 22,
    },
    { field: 'employees', header: '从业人数', hint: 'employees (integer)', example: '3' },
    {
      field: 'fireSafetyLevel',
      header: '消防安全等级',
      hint: 'fire-safety level',
      options: FIRE_SAFETY_LEVELS,
      example: '一般单位',
      width: 16,
    },
    ...PLACE,
  ],
};

/** A cell's text → the vocabulary key: the key itself or the Chinese label (or English label). */
export function vocabularyKey(options: readonly VocabularyEntry[], text: string): string | null {
  for (const o of options) if (o.key === text || o.labelZh === text || o.labelEn === text) return o.key;
  return null;
}

export function optionList(options: readonly VocabularyEntry[]): string {
  return options.map((o) => o.labelZh).join('、');
}
