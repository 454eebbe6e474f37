-- Photo attachments (case reports from field workers' phones).
-- The bytes live in file storage, content-addressed by SHA-256 (identical uploads are stored once,
-- each upload still gets its own row). mime is sniffed from the bytes, never taken from the file
-- name or the client's content-type. taken_at and lon/lat come from the photo's EXIF
-- (DateTimeOriginal, GPS; WGS-84) and are NULL when the photo carries none.
-- case_id has no foreign key here: the cases migration adds it when the cases table exists.
CREATE TABLE attachments (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  uploaded_by    bigint NOT NULL REFERENCES users (id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  original_name  text NOT NULL CHECK (length(original_name) BETWEEN 1 AND 255),
  mime           text NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif')),
  size_bytes     integer NOT NULL CHECK (size_bytes > 0),
  sha256         text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  width          integer NOT NULL CHECK (width > 0),
  height         integer NOT NULL CHECK (height > 0),
  taken_at       timestamptz,
  lon            double precision CHECK (lon BETWEEN -180 AND 180),
  lat            double precision CHECK (lat BETWEEN -90 AND 90),
  storage_key    text NOT NULL,
  thumb_key      text NOT NULL,
  case_id        bigint,
  CHECK ((lon IS NULL) = (lat IS NULL))
);
CREATE INDEX attachments_case_idx ON attachments (case_id);
CREATE INDEX attachments_uploader_idx ON attachments (uploaded_by, created_at);
