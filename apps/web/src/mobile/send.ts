// How each kind of queued write reaches the server. Every step that the server remembers (an
// uploaded photo, a started errand, a linked document) is written back to the item before the
// next step, so a retry after a lost connection repeats nothing.
import { reportChoicesFor } from '@wangge/rules';
import { ApiError } from '../api/client';
import { call, get, post, session } from './api';
import type { ErrandJob, PhotoSlot, QueueItem } from './queue-items';

export type Save = () => Promise<void>;

const hhmm = (iso: string) => {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

async function uploadPhotos(slots: PhotoSlot[], save: Save): Promise<string[]> {
  const ids: string[] = [];
  for (const slot of slots) {
    if (!slot.attachmentId) {
      const form = new FormData();
      form.append('file', slot.blob, slot.name);
      const created = await call<{ id: string }>('POST', '/api/attachments', { body: form });
      slot.attachmentId = created.id;
      await save(); // remember the upload before anything else can fail
    }
    ids.push(slot.attachmentId);
  }
  return ids;
}

interface ErrandDetail {
  id: string;
  code: string;
  state: string;
  version: number;
}

const startErrand = (item: QueueItem, job: ErrandJob) =>
  post<ErrandDetail>(
    '/api/errands',
    {
      personId: job.personId,
      typeCode: job.typeCode,
      fields: job.fields,
      ...(job.note ? { note: job.note } : {}),
    },
    { 'Idempotency-Key': item.key },
  );

/** A resident's request taken: the server starts the errand and links it to the request. */
async function takeRequest(item: QueueItem, job: ErrandJob): Promise<ErrandDetail> {
  const taken = await post<{ errand: { id: string } }>(
    `/api/errand-requests/${job.requestId}/actions/take`,
    {
      version: job.requestVersion,
      personId: job.personId,
      fields: job.fields,
      ...(job.note ? { note: job.note } : {}),
    },
    { 'Idempotency-Key': item.key },
  );
  return get<ErrandDetail>(`/api/errands/${taken.errand.id}`);
}

async function sendErrand(item: QueueItem, job: ErrandJob, save: Save): Promise<string> {
  for (const doc of job.documents) await uploadPhotos(doc.photos, save);
  if (!job.errandId) {
    // The item's key makes a retry after a lost answer return the errand already started.
    const started = job.requestId ? await takeRequest(item, job) : await startErrand(item, job);
    job.errandId = started.id;
    job.errandCode = started.code;
    job.version = started.version;
    await save();
  }
  for (const doc of job.documents) {
    for (const photo of doc.photos) {
      if (photo.linked) continue;
      const detail = await post<ErrandDetail>(`/api/errands/${job.errandId}/documents`, {
        documentKey: doc.key,
        attachmentId: photo.attachmentId,
      });
      photo.linked = true;
      job.version = detail.version;
      await save();
    }
  }
  if (!job.submitted) {
    try {
      await post(`/api/errands/${job.errandId}/actions/submit`, { version: job.version });
    } catch (error) {
      // A submit whose answer was lost: the errand has moved on, which is what was wanted.
      if (!(error instanceof ApiError && error.status === 409)) throw error;
      const now = await get<ErrandDetail>(`/api/errands/${job.errandId}`);
      if (now.state === 'draft' || now.state === 'returned') throw error;
    }
    job.submitted = true;
    await save();
  }
  return job.errandCode ?? '';
}

/** Sends one item; returns the server's reference to show the worker (case code, errand code). */
export async function send(item: QueueItem, save: Save): Promise<string | undefined> {
  switch (item.kind) {
    case 'case': {
      const p = item.payload;
      const photoIds = await uploadPhotos(p.photos, save);
      const afterPhotoIds = await uploadPhotos(p.afterPhotos, save);
      // A report sent later than it was made carries its recording time (observedAt, kept in the
      // case history) and says so in its text for whoever reads the description.
      const late = Date.now() - Date.parse(item.createdAt) > 60_000 || p.madeOffline === true;
      const description = late ? `（离线记录于 ${hhmm(item.createdAt)}）${p.description}` : p.description;
      const created = await post<{ id: string; code: string }>(
        '/api/cases',
        {
          categoryCode: p.categoryCode,
          description: description.slice(0, 2000),
          lon: p.lon,
          lat: p.lat,
          // A resident's report comes from the resident app; staff report from patrol.
          source: reportChoicesFor(session.me()?.permissions ?? []).sources?.[0] ?? 'patrol',
          ...(late ? { observedAt: item.createdAt } : {}),
          ...(photoIds.length ? { photoIds } : {}),
          ...(p.selfHandled ? { selfHandled: true, afterPhotoIds } : {}),
        },
        { 'idempotency-key': item.key },
      );
      item.caseId = created.id;
      return created.code;
    }
    case 'action': {
      const p = item.payload;
      const photoIds = await uploadPhotos(p.photos, save);
      await post(`/api/cases/${p.caseId}/actions/${p.action}`, {
        version: p.version,
        ...(p.note ? { note: p.note } : {}),
        ...(p.reason ? { reason: p.reason } : {}),
        ...(photoIds.length ? { photoIds } : {}),
        ...(p.lon !== undefined && p.lat !== undefined ? { lon: p.lon, lat: p.lat } : {}),
      });
      return p.caseCode;
    }
    case 'positions':
      await post('/api/positions', { positions: item.payload.fixes });
      return undefined;
    case 'sos':
      // A resend while the first alert stands is answered 200 with no new alert: nothing doubles.
      await post('/api/alerts/sos', item.payload);
      return undefined;
    case 'visit': {
      const p = item.payload;
      await post('/api/visits', {
        ...(p.personId ? { personId: p.personId } : {}),
        ...(p.houseId ? { houseId: p.houseId } : {}),
        startedAt: p.startedAt,
        endedAt: p.endedAt,
        note: p.note,
        ...(p.lon !== undefined && p.lat !== undefined ? { lon: p.lon, lat: p.lat } : {}),
        idempotencyKey: item.key,
      });
      return undefined;
    }
    case 'errand':
      return sendErrand(item, item.payload, save);
    case 'task': {
      const p = item.payload;
      try {
        await post(`/api/duty/tasks/${p.taskId}/actions/complete`, {
          version: p.version,
          ...(p.note ? { note: p.note } : {}),
        });
      } catch (error) {
        // Our earlier attempt went through but its answer was lost: the task is done already.
        if (!(error instanceof ApiError && error.status === 409 && error.details.state === 'done'))
          throw error;
      }
      return undefined;
    }
    case 'record': {
      const p = item.payload;
      if (p.member && 'add' in p.member) {
        await post(`/api/houses/${p.id}/members`, p.member.add);
        return undefined;
      }
      if (p.member) {
        const { personId, reason } = p.member.remove;
        await post(`/api/houses/${p.id}/members/${personId}/remove`, { reason });
        return undefined;
      }
      await call('PATCH', `/api/${p.entity === 'person' ? 'people' : 'houses'}/${p.id}`, { body: p.changes });
      return undefined;
    }
    case 'inspection': {
      const p = item.payload;
      const results = [];
      for (const r of p.results) {
        const photoIds = await uploadPhotos(r.photos, save);
        results.push({
          key: r.key,
          result: r.result,
          ...(r.note ? { note: r.note } : {}),
          ...(photoIds.length ? { photoIds } : {}),
        });
      }
      const created = await post<{ caseCode: string | null }>(
        '/api/inspections',
        {
          unitId: p.unitId,
          checklistCode: p.checklistCode,
          observedAt: item.createdAt,
          ...(p.lon !== undefined && p.lat !== undefined ? { lon: p.lon, lat: p.lat } : {}),
          ...(p.note ? { note: p.note } : {}),
          results,
          reportCase: p.reportCase,
        },
        { 'idempotency-key': item.key },
      );
      return created.caseCode ?? undefined;
    }
  }
}
