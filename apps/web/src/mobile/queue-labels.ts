// How queued writes are named to the worker (queue page, sent log).
import { label } from '@wangge/rules';
import { currentLang } from './i18n/lang';
import { t } from './i18n/zh';
import type { QueueItem, QueueKind } from './queue-items';

export const kindLabel = (kind: QueueKind): string => label('queueKind', kind, currentLang());

export function itemLabel(item: QueueItem): string {
  switch (item.kind) {
    case 'case':
      return `${kindLabel('case')} · ${item.payload.categoryName}`;
    case 'action':
      return `${kindLabel('action')} · ${item.payload.caseCode} ${label('caseAction', item.payload.action, currentLang())}`;
    case 'positions':
      return t('positionsItem', { n: item.payload.fixes.length });
    case 'visit':
      return `${kindLabel('visit')} · ${item.payload.label}`;
    case 'errand':
      return `${kindLabel('errand')} · ${item.payload.typeName} · ${item.payload.personName}`;
    case 'inspection':
      return `${kindLabel('inspection')} · ${item.payload.unitName}`;
    case 'record':
      return `${kindLabel('record')} · ${item.payload.label}`;
    case 'sos':
      return kindLabel('sos');
    case 'task':
      return `${kindLabel('task')} · ${item.payload.title}`;
  }
}

export function photoCount(item: QueueItem): number {
  switch (item.kind) {
    case 'case':
      return item.payload.photos.length + item.payload.afterPhotos.length;
    case 'action':
      return item.payload.photos.length;
    case 'errand':
      return item.payload.documents.reduce((n, d) => n + d.photos.length, 0);
    case 'inspection':
      return item.payload.results.reduce((n, r) => n + r.photos.length, 0);
    default:
      return 0;
  }
}

const minutesBetween = (from: string, to: string) =>
  Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 60_000));

/** What the item will do on the server, beyond its label: the worker decides whether to keep it. */
export function itemDetail(item: QueueItem): string | null {
  switch (item.kind) {
    case 'visit':
      return t('visitDetail', { n: minutesBetween(item.payload.startedAt, item.payload.endedAt) });
    case 'errand': {
      const p = item.payload;
      const linked = p.documents.reduce((n, d) => n + d.photos.filter((ph) => ph.linked).length, 0);
      if (!p.errandId) return t('errandStepStart');
      if (!p.submitted)
        return t('errandStepDocs', { code: p.errandCode ?? '', n: linked, of: photoCount(item) });
      return null;
    }
    case 'inspection': {
      const failed = item.payload.results.filter((r) => r.result === 'fail').length;
      return t('inspectionDetail', {
        n: item.payload.results.length,
        failed,
        report: failed && item.payload.reportCase ? t('inspectionWillReport') : '',
      });
    }
    case 'record':
      return item.payload.member
        ? t('memberChange')
        : t('recordDetail', { n: Object.keys(item.payload.changes).length });
    default:
      return null;
  }
}
