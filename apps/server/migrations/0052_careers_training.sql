-- Careers (职业发展) and training (网格学院), issue 13 §7 (modules/careers): Hohhot's 12-grade pay
-- ladder with each grade's monthly pay as configuration per district (versions take effect from a
-- month; history kept), each worker's grade history, the yearly rating proposed from the year's
-- frozen monthly results and confirmed by a person, promotion proposals decided on the one
-- workflow mechanism (PROMOTION_WORKFLOW of @wangge/rules). Training: courses with materials,
-- sessions, attendance with quiz results and certificates.

CREATE TABLE career_pay_ladders (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id        bigint NOT NULL REFERENCES org_units (id),
  effective_from text NOT NULL CHECK (effective_from ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  -- Monthly pay of grades 1..12 in fen (分).
  pay_fen        integer[] NOT NULL CHECK (cardinality(pay_fen) = 12 AND 0 <= ALL (pay_fen)),
  note           text NOT NULL DEFAULT '',
  created_by     bigint REFERENCES users (id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX career_pay_ladders_lookup ON career_pay_ladders (unit_id, effective_from DESC, id DESC);

-- A worker's grade history: the newest row is the current grade. `counts_from_year` is the first
-- year whose rating counts toward the next promotion (ratings before a grade change are spent).
CREATE TABLE career_grades (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id          bigint NOT NULL REFERENCES users (id),
  grade            smallint NOT NULL CHECK (grade BETWEEN 1 AND 12),
  effective_on     date NOT NULL,
  counts_from_year integer NOT NULL,
  cause            text NOT NULL CHECK (cause IN ('appointed', 'promotion', 'adjustment')),
  promotion_id     bigint,
  note             text NOT NULL DEFAULT '',
  created_by       bigint REFERENCES users (id),
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX career_grades_user ON career_grades (user_id, effective_on DESC, id DESC);

-- One yearly rating per worker and year: proposed from assessment_results (proposeYearRating),
-- then confirmed — or changed with a reason — by a person.
CREATE TABLE career_ratings (
  user_id       bigint NOT NULL REFERENCES users (id),
  year          integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  proposed      text CHECK (proposed IN ('excellent', 'qualified', 'unqualified')),
  mean_score    numeric,
  months        integer NOT NULL DEFAULT 0,
  state         text NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'confirmed')),
  rating        text CHECK (rating IN ('excellent', 'qualified', 'unqualified')),
  reason        text NOT NULL DEFAULT '',
  confirmed_by  bigint REFERENCES users (id),
  confirmed_at  timestamptz,
  PRIMARY KEY (user_id, year),
  CHECK ((state = 'confirmed') = (rating IS NOT NULL AND confirmed_at IS NOT NULL))
);
CREATE INDEX career_ratings_year ON career_ratings (year, state);

CREATE TABLE career_promotions (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id         bigint NOT NULL REFERENCES users (id),
  from_grade      smallint NOT NULL CHECK (from_grade BETWEEN 1 AND 12),
  to_grade        smallint NOT NULL CHECK (to_grade BETWEEN 1 AND 12 AND to_grade > from_grade),
  years           integer[] NOT NULL,
  basis           text NOT NULL CHECK (basis IN ('three_excellent', 'three_qualified')),
  state           text NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'approved', 'rejected')),
  version         integer NOT NULL DEFAULT 1,
  decided_by      bigint REFERENCES users (id),
  decided_at      timestamptz,
  decision_reason text NOT NULL DEFAULT '',
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((state = 'proposed') = (decided_at IS NULL))
);
-- Proposed once for the same years (a rejected proposal is not proposed again).
CREATE UNIQUE INDEX career_promotions_years ON career_promotions (user_id, years);
CREATE UNIQUE INDEX career_promotions_open ON career_promotions (user_id) WHERE state = 'proposed';
ALTER TABLE career_grades ADD FOREIGN KEY (promotion_id) REFERENCES career_promotions (id);

CREATE TABLE training_courses (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id     bigint NOT NULL REFERENCES org_units (id),
  unit_path   text COLLATE "C" NOT NULL,
  title       text NOT NULL CHECK (title <> ''),
  kind        text NOT NULL CHECK (kind IN ('online', 'offline')),
  hours       numeric(5, 1) NOT NULL CHECK (hours > 0 AND hours <= 200),
  description text NOT NULL DEFAULT '',
  created_by  bigint REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX training_courses_scope ON training_courses (unit_path, created_at DESC);

CREATE TABLE training_course_materials (
  course_id     bigint NOT NULL REFERENCES training_courses (id),
  attachment_id bigint NOT NULL REFERENCES attachments (id),
  PRIMARY KEY (course_id, attachment_id)
);

CREATE TABLE training_sessions (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  course_id  bigint NOT NULL REFERENCES training_courses (id),
  starts_at  timestamptz NOT NULL,
  place      text NOT NULL DEFAULT '',
  created_by bigint REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX training_sessions_course ON training_sessions (course_id, starts_at);
CREATE INDEX training_sessions_at ON training_sessions (starts_at);

CREATE TABLE training_attendance (
  session_id             bigint NOT NULL REFERENCES training_sessions (id),
  user_id                bigint NOT NULL REFERENCES users (id),
  attended               boolean NOT NULL DEFAULT true,
  quiz_score             numeric(5, 1) CHECK (quiz_score BETWEEN 0 AND 100),
  passed                 boolean,
  certificate_no         text,
  certificate_issued_on  date,
  recorded_by            bigint REFERENCES users (id),
  recorded_at            timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, user_id),
  CHECK ((certificate_no IS NULL) = (certificate_issued_on IS NULL))
);
CREATE INDEX training_attendance_user ON training_attendance (user_id);

-- careers.read: every worker's grade, ratings and training in scope; careers.manage: the ladder,
-- confirming ratings, deciding promotions; training.manage: courses, sessions, attendance.
-- A worker reads their own career and training without either.
UPDATE roles SET permissions = permissions || CASE code
  WHEN 'admin'              THEN '{careers.read,careers.manage,training.manage}'::text[]
  WHEN 'city_operator'      THEN '{careers.read,careers.manage,training.manage}'::text[]
  WHEN 'district_operator'  THEN '{careers.read,careers.manage,training.manage}'::text[]
  WHEN 'street_operator'    THEN '{careers.read,training.manage}'::text[]
  WHEN 'community_operator' THEN '{careers.read}'::text[]
  WHEN 'leader'             THEN '{careers.read}'::text[]
  ELSE '{}'::text[]
END
WHERE builtin AND NOT ('careers.read' = ANY (permissions));
