import { label, RESIDENT_CATEGORY_CODES } from '@wangge/rules';
import { useSyncExternalStore } from 'react';

// The resident app's words, Chinese first; the switch is kept on the device.
export type Lang = 'zh' | 'en';
const KEY = 'wangge.r.lang';
const listeners = new Set<() => void>();

export const getLang = (): Lang => (localStorage.getItem(KEY) === 'en' ? 'en' : 'zh');
export function setLang(lang: Lang): void {
  localStorage.setItem(KEY, lang);
  for (const l of listeners) l();
}
export const useLang = () =>
  useSyncExternalStore((l) => {
    listeners.add(l);
    return () => listeners.delete(l);
  }, getLang);

const zh = {
  appName: '居民随手拍',
  phone: '手机号',
  code: '验证码',
  sendCode: '获取验证码',
  codeSent: '验证码已发送',
  signIn: '登录',
  myReports: '我的上报',
  noReports: '还没有上报，发现身边问题就拍一拍',
  newReport: '我要上报',
  stepPhoto: '1 拍照',
  stepPlace: '2 位置',
  stepCategory: '3 问题类型',
  addPhoto: '拍照或选图片',
  photoAdded: '已添加照片',
  locating: '正在定位…',
  located: '已定位到当前位置',
  noLocation: '无法定位，请打开定位权限',
  description: '补充说明（选填）',
  sameNearby: '附近已有人反映同类问题',
  plusOne: '我也遇到了 +1',
  submitAnyway: '不是同一个问题，继续上报',
  submit: '提交上报',
  sendDraft: '有一条上报还没发出，点此重新发送',
  submitted: '已提交，可在“我的上报”查看进度',
  joined: '已关注该问题',
  plusOnes: '人也反映',
  timeline: '办理进度',
  rate: '评价处理结果',
  rateComment: '说说您的感受（选填）',
  sendRating: '提交评价',
  rated: '感谢您的评价',
  myRating: '我的评价',
  back: '返回',
  langSwitch: 'English',
  metres: '米',
  myGrid: '我的网格',
  findGrid: '查找我所在的网格',
  useMyPosition: '用当前位置查找',
  addressSearch: '输入小区、路名或楼栋',
  gridWorker: '专职网格员',
  noWorker: '该网格暂未配备专职网格员',
  serviceHours: '服务时间',
  call: '拨打电话',
  phoneForResidents: '设为我的网格后可查看完整号码',
  setHome: '这是我家，设为我的网格',
  homeSet: '已设为我的网格',
  isHome: '我的网格',
  notices: '社区通知公告',
  noNotices: '社区暂无通知',
  reopen: '问题没有解决？重新打开',
  reopenReason: '说明哪里还没解决（必填）',
  sendReopen: '重新打开',
  reopened: '已重新打开，社区将重新处理',
  reopenedStep: '居民反映未解决',
  reportWithoutAccount: '不登录，直接上报',
  trackProgress: '凭查询码查进度',
  trackingCode: '查询码',
  trackingCodeHint: '请记下查询码，凭它随时查看处理进度；本机也会保存。',
  enterTrackingCode: '输入查询码，如 7K3M-Q9XD-2HA',
  track: '查询',
  trackedOnDevice: '本机匿名上报',
  contactPhone: '联系电话（选填，仅工作人员可见）',
  anonymousNote: '未登录上报：不能“+1”和评价，凭查询码查看进度。',
  sendAnonymousDraft: '有一条匿名上报还没发出，点此重新发送',
  submittedAnonymous: '已提交，请记下查询码',
};
type Key = keyof typeof zh;
const en: Record<Key, string> = {
  appName: 'Report it',
  phone: 'Mobile number',
  code: 'Code',
  sendCode: 'Send code',
  codeSent: 'Code sent',
  signIn: 'Sign in',
  myReports: 'My reports',
  noReports: 'No reports yet — see a problem, snap it',
  newReport: 'Report a problem',
  stepPhoto: '1 Photo',
  stepPlace: '2 Place',
  stepCategory: '3 What is it',
  addPhoto: 'Take or choose a photo',
  photoAdded: 'Photo added',
  locating: 'Finding your position…',
  located: 'Your current position',
  noLocation: 'No position; allow location access',
  description: 'More details (optional)',
  sameNearby: 'Already reported nearby',
  plusOne: 'Me too +1',
  submitAnyway: 'Not the same; report it',
  submit: 'Send report',
  sendDraft: 'A report was not sent yet — tap to send it',
  submitted: 'Sent; follow it under My reports',
  joined: 'You now follow this case',
  plusOnes: 'others too',
  timeline: 'Progress',
  rate: 'Rate the result',
  rateComment: 'Tell us more (optional)',
  sendRating: 'Send rating',
  rated: 'Thank you for rating',
  myRating: 'My rating',
  back: 'Back',
  langSwitch: '中文',
  metres: 'm',
  myGrid: 'My grid',
  findGrid: 'Find the grid I live in',
  useMyPosition: 'Use my position',
  addressSearch: 'Type an estate, road or building',
  gridWorker: 'Full-time grid worker',
  noWorker: 'This grid has no full-time worker yet',
  serviceHours: 'Service hours',
  call: 'Call',
  phoneForResidents: 'Set it as your grid to see the whole number',
  setHome: 'I live here — make it my grid',
  homeSet: 'Set as your grid',
  isHome: 'My grid',
  notices: 'Community notices',
  noNotices: 'No notices from the community',
  reopen: 'Not fixed? Reopen it',
  reopenReason: 'What is still wrong (required)',
  sendReopen: 'Reopen',
  reopened: 'Reopened; it will be handled again',
  reopenedStep: 'Reported not fixed',
  reportWithoutAccount: 'Report without signing in',
  trackProgress: 'Follow with a tracking code',
  trackingCode: 'Tracking code',
  trackingCodeHint: 'Note the tracking code: it shows the progress at any time. This phone keeps it too.',
  enterTrackingCode: 'Tracking code, e.g. 7K3M-Q9XD-2HA',
  track: 'Look up',
  trackedOnDevice: 'Sent from this phone without an account',
  contactPhone: 'Contact number (optional, staff only)',
  anonymousNote: 'Not signed in: no "+1" or rating; follow with the tracking code.',
  sendAnonymousDraft: 'A report without an account was not sent yet: tap to send it again',
  submittedAnonymous: 'Sent: note your tracking code',
};

export const t = (key: Key): string => (getLang() === 'en' ? en : zh)[key];

/** A category in a resident's words where there are some, else the staff name. */
export function categoryText(code: string, staffName: { zh: string; en: string }): string {
  const lang = getLang();
  return (RESIDENT_CATEGORY_CODES as readonly string[]).includes(code)
    ? label('residentCategory', code, lang)
    : staffName[lang];
}
