// Names for the demo: people, places and roads that read like the field reports (DOMAIN.md's seeds).
import type { Rng } from './random.ts';
import { chance, pick } from './random.ts';

// The most common surnames, the first ones repeated so they come up about as often as in life.
const SURNAMES = [
  ...'王李张刘陈杨赵黄周吴王李张刘陈杨'.split(''),
  ...'徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文'.split(
    '',
  ),
];

const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏飞建国志海林波宇浩婷雪琳晨欣佳俊慧丹颖鑫斌辉文春兰凤梅玲燕莉慧蕾薇倩雯晶晓亮成东彬健博凯瑞睿泽嘉宁悦怡琪子涵梓轩'.split(
    '',
  );

export function personName(rng: Rng): string {
  const surname = pick(rng, SURNAMES);
  const first = pick(rng, GIVEN);
  if (chance(rng, 0.3)) return surname + first;
  let second = pick(rng, GIVEN);
  while (second === first) second = pick(rng, GIVEN);
  return surname + first + second;
}

const PHONE_PREFIXES = [
  '130',
  '131',
  '132',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '156',
  '158',
  '159',
  '180',
  '181',
  '182',
  '185',
  '186',
  '187',
  '188',
  '189',
];

export function phoneNumber(rng: Rng, taken: Set<string>): string {
  for (;;) {
    const rest = Math.floor(rng.next() * 1e8)
      .toString()
      .padStart(8, '0');
    const phone = pick(rng, PHONE_PREFIXES) + rest;
    if (!taken.has(phone)) {
      taken.add(phone);
      return phone;
    }
  }
}

const NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 20 → 二十, 105 → 一百零五. */
export function chineseNumber(n: number): string {
  if (n < 10) return NUMERALS[n] ?? String(n);
  if (n < 20) return `十${NUMERALS[n % 10]}`;
  if (n < 100) return `${NUMERALS[Math.floor(n / 10)]}十${NUMERALS[n % 10]}`;
  if (n < 1000) {
    const rest = n % 100;
    const tail =
      rest === 0
        ? ''
        : rest < 10
          ? `零${NUMERALS[rest]}`
          : rest < 20
            ? `一${chineseNumber(rest)}`
            : chineseNumber(rest);
    return `${NUMERALS[Math.floor(n / 100)]}百${tail}`;
  }
  return String(n);
}

// Tianjin Dongli: real street names, invented but plausible communities and roads.
export const DONGLI_STREETS: { name: string; communities: string[]; roads: string[] }[] = [
  {
    name: '东丽湖街道',
    communities: ['丽湖社区', '景欣苑社区', '恒大名都社区', '万科城社区'],
    roads: ['丽湖路', '景荔道', '智景东道', '东丽湖大道', '湖滨道', '丽新路'],
  },
  {
    name: '华明街道',
    communities: ['幸福家园社区', '华明家园社区', '弘顺家园社区', '明珠花园社区'],
    roads: ['华明大道', '弘程道', '明珠路', '华丰路', '顺通道', '胡张庄路'],
  },
  {
    name: '金桥街道',
    communities: ['金桥社区', '金钟花园社区', '香邑花园社区', '跃进里社区'],
    roads: ['金桥路', '津塘公路', '成林道', '跃进路', '新立路', '先锋东路'],
  },
];

// Hohhot: real district names and codes; streets, communities and roads are composed.
export const HOHHOT_DISTRICTS: { code: string; name: string; county: boolean }[] = [
  { code: '150102000000', name: '新城区', county: false },
  { code: '150103000000', name: '回民区', county: false },
  { code: '150104000000', name: '玉泉区', county: false },
  { code: '150105000000', name: '赛罕区', county: false },
  { code: '150121000000', name: '土默特左旗', county: true },
  { code: '150122000000', name: '托克托县', county: true },
  { code: '150123000000', name: '和林格尔县', county: true },
  { code: '150124000000', name: '清水河县', county: true },
  { code: '150125000000', name: '武川县', county: true },
];

const PLACE_WORDS =
  '昭乌达 东街 西街 海拉尔 锡林 中山 新华 大学 通道 光明 兴安 成吉思汗 鄂尔多斯 乌兰察布 巴彦 金桥 敕勒川 人民 工农兵 攸攸板 小召 石羊 鼓楼 呼伦 东影 丁香 恼包 巧报 西菜园 长乐宫 南茶坊 大召 昭君 兴隆 太平 合林 青山 如意 公主府 海东 察素齐 白塔 双树 沙梁 桃花 新营 塔布 美岱 毕克齐 五申 哈素 可可 云中 盛乐 新店 城关 宏盛 古城 河口'.split(
    ' ',
  );
const COMMUNITY_WORDS =
  '惠民 老缸房 和谐 幸福 阳光 团结 友谊 康乐 祥和 安泰 新兴 春华 秋实 锦绣 丽苑 金地 绿城 滨河 青城 西园 东苑 南苑 北苑 长青 紫薇 丁香 玫瑰 海棠 书香 民族 建设 文化 胜利 前进 光华 双树 兴盛 富康 嘉园 怡景 馨园 颐和 朝阳 晨光 清泉 宝山 云锦 水岸 枫林 巨海 万达 华府 通顺 乐园 桥华 昭君 巴彦塔拉'.split(
    ' ',
  );
const ROAD_SUFFIXES = ['路', '街', '大街', '巷', '道', '南路', '北路', '东街', '西街'];

export function streetName(rng: Rng, taken: Set<string>, town: boolean): string {
  for (let attempt = 0; ; attempt++) {
    const word = pick(rng, PLACE_WORDS);
    const name = attempt > 50 ? `${word}${attempt}` : word;
    const full = `${name}${town ? '镇' : pick(rng, ['街道', '路街道', '街道'])}`;
    if (!taken.has(full)) {
      taken.add(full);
      return full;
    }
  }
}

export function communityName(rng: Rng, taken: Set<string>, village: boolean): string {
  for (let attempt = 0; ; attempt++) {
    const word = pick(rng, COMMUNITY_WORDS);
    const extra = attempt > 30 ? pick(rng, ['东', '西', '南', '北', '新', '第二']) : '';
    const full = `${extra}${word}${village ? '村' : '社区'}`;
    if (!taken.has(full)) {
      taken.add(full);
      return full;
    }
  }
}

export function roadNames(rng: Rng, count: number): string[] {
  const roads = new Set<string>();
  while (roads.size < count) roads.add(pick(rng, PLACE_WORDS) + pick(rng, ROAD_SUFFIXES));
  return [...roads];
}

export const SPECIAL_PLACES: Record<
  'school' | 'hospital' | 'market' | 'park' | 'enterprise' | 'other',
  string[]
> = {
  school: ['第一中学', '实验小学', '第二小学', '职业技术学校', '外国语学校'],
  hospital: ['人民医院', '中医医院', '妇幼保健院', '社区卫生服务中心'],
  market: ['农贸市场', '商贸城', '建材市场', '批发市场'],
  park: ['湿地公园', '体育公园', '滨河公园', '文化广场'],
  enterprise: ['工业园', '物流园', '科技园'],
  other: ['火车站', '长途汽车站'],
};
