import type { AttachmentRow } from './repository.ts';

export function presentAttachment(row: AttachmentRow) {
  return {
    id: row.id,
    mime: row.mime,
    sizeBytes: row.size_bytes,
    width: row.width,
    height: row.height,
    takenAt: row.taken_at ? row.taken_at.toISOString() : null,
    location: row.lon !== null && row.lat !== null ? { lon: row.lon, lat: row.lat } : null,
    url: `/api/attachments/${row.id}`,
    thumbnailUrl: `/api/attachments/${row.id}/thumbnail`,
    sha256: row.sha256,
    originalName: row.original_name,
    createdAt: row.created_at.toISOString(),
  };
}
