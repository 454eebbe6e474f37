// What the offline queue holds: one entry per write the worker made, with everything needed to
// send it later (photos as Blobs until uploaded) and what came back from earlier attempts.

export interface PhotoSlot {
  blob: Blob;
  name: string;
  /** Set once uploaded. */
  attachmentId?: string;
}

export interface CaseReport {
  categoryCode: string;
  categoryName: string;
  description: string;
  lon: number;
  lat: number;
  selfHandled: boolean;
  photos: PhotoSlot[];
  afterPhotos: PhotoSlot[];
  /** Made while the device had no connection. */
  madeOffline?: boolean;
}

export interface CaseActionJob {
  caseId: string;
  caseCode: string;
  action: string;
  version: number;
  note?: string;
  /** For the actions that need one (核查不通过, 退回…). */
  reason?: string;
  lon?: number;
  lat?: number;
  photos: PhotoSlot[];
}

export interface PositionFix {
  recordedAt: string;
  lon: number;
  lat: number;
  accuracy: number | null;
  speed: number | null;
  heading: number | null;
}

/** A door-to-door visit, timed on the device. */
export interface VisitJob {
  personId?: string;
  houseId?: string;
  /** Who or where, for the worker's eyes. */
  label: string;
  startedAt: string;
  endedAt: string;
  note: string;
  lon?: number;
  lat?: number;
}

export interface ErrandDocument {
  key: string;
  label: string;
  photos: (PhotoSlot & { linked?: boolean })[];
}

/** A service errand: started, its document photos linked, then submitted for the leader's review. */
export interface ErrandJob {
  personId: string;
  personName: string;
  typeCode: string;
  typeName: string;
  fields: Record<string, string | number | boolean>;
  note: string;
  documents: ErrandDocument[];
  /** Started by taking a resident's request (居民申请) at the version the worker saw. */
  requestId?: string;
  requestVersion?: number;
  /** Progress on the server, kept so a retry carries on where the last attempt stopped. */
  errandId?: string;
  errandCode?: string;
  version?: number;
  submitted?: boolean;
}

export type InspectionResult = 'pass' | 'fail' | 'na';

export interface InspectionJob {
  unitId: string;
  unitName: string;
  checklistCode: string;
  checklistName: string;
  note?: string;
  lon?: number;
  lat?: number;
  reportCase: boolean;
  results: { key: string; label: string; result: InspectionResult; note?: string; photos: PhotoSlot[] }[];
}

/** A worker task ticked off; a resend after a lost answer finds it done and counts as sent. */
export interface TaskDoneJob {
  taskId: string;
  title: string;
  version: number;
  note?: string;
}

/** A call for help: where the worker was when they tapped SOS. */
export interface SosJob {
  lon: number;
  lat: number;
  accuracy: number | null;
  at: string;
}

/** A change to a register record made in the field: setting values, so a replay changes nothing. */
export interface RecordEditJob {
  entity: 'person' | 'house';
  id: string;
  label: string;
  changes: Record<string, string | number | boolean | null>;
  /** A household member added or removed (house records): the server answers a resend as done. */
  member?: MemberChange;
}

export type MemberChange =
  | {
      add: {
        kind: 'resident' | 'tenant' | 'owner';
        personId?: string;
        person?: { name: string; idNumber: string; phone?: string };
      };
    }
  | { remove: { personId: string; reason: 'moved_out' | 'deceased' | 'other' } };

interface Base {
  id?: number;
  key: string;
  createdAt: string;
  /** Where the worker was when it was made (if known). */
  lon?: number;
  lat?: number;
  attempts: number;
  lastError?: string;
  /** Refused by the server for good (not a connection problem): kept for the worker to see. */
  failed?: boolean;
}

export type NewItem =
  | { kind: 'case'; payload: CaseReport; caseId?: string }
  | { kind: 'action'; payload: CaseActionJob }
  | { kind: 'positions'; payload: { fixes: PositionFix[] } }
  | { kind: 'visit'; payload: VisitJob }
  | { kind: 'errand'; payload: ErrandJob }
  | { kind: 'inspection'; payload: InspectionJob }
  | { kind: 'record'; payload: RecordEditJob }
  | { kind: 'sos'; payload: SosJob }
  | { kind: 'task'; payload: TaskDoneJob };

export type QueueKind = NewItem['kind'];
export type QueueItem = Base & NewItem;

/** What the worker is told about an item once it went through. */
export interface SentNote {
  key: string;
  kind: QueueKind;
  label: string;
  at: string;
  /** The server's reference: a case code, an errand code. */
  ref?: string;
}
