-- Door-to-door visits and service errands (代办), DOMAIN.md §6.

-- Visits: one row per visit a worker logs (the field app queues offline and retries with the same
-- idempotency key). grid_path comes from the house (or the person); household_key identifies the
-- household for the distinct count: 'h:<house id>' or 'p:<person id>' when no house is known.
CREATE TABLE visits (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id          bigint NOT NULL REFERENCES users (id),
  person_id        bigint REFERENCES people (id),
  house_id         bigint REFERENCES houses (id),
  grid_id          bigint NOT NULL REFERENCES org_units (id),
  grid_path        text COLLATE "C" NOT NULL,
  household_key    text NOT NULL,
  started_at       timestamptz NOT NULL,
  ended_at         timestamptz NOT NULL,
  lon              double precision,
  lat              double precision,
  note             text NOT NULL DEFAULT '',
  idempotency_key  text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (person_id IS NOT NULL OR house_id IS NOT NULL),
  CHECK (ended_at > started_at),
  UNIQUE (user_id, idempotency_key)
);
CREATE INDEX visits_user_time_idx ON visits (user_id, started_at);
CREATE INDEX visits_grid_path_time_idx ON visits (grid_path, started_at);

-- The daily visit target per org unit; the nearest configured ancestor of a worker's grid wins,
-- otherwise 180 minutes (Dongli: at least three hours a day).
CREATE TABLE visit_targets (
  org_unit_id    bigint PRIMARY KEY REFERENCES org_units (id),
  daily_minutes  integer NOT NULL CHECK (daily_minutes BETWEEN 1 AND 1440),
  updated_by     bigint REFERENCES users (id),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- Errand item types: the fields (ExtraFieldSpec of @wangge/rules) and documents each needs, the
-- kind of department that approves it and the time limit in days.
CREATE TABLE errand_types (
  code                text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  name_zh             text NOT NULL,
  name_en             text NOT NULL,
  required_fields     jsonb NOT NULL DEFAULT '[]',
  required_documents  jsonb NOT NULL DEFAULT '[]',
  department_kind     text NOT NULL,
  time_limit_days     integer NOT NULL CHECK (time_limit_days BETWEEN 1 AND 365),
  active              boolean NOT NULL DEFAULT true,
  updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE SEQUENCE errand_code_seq;
CREATE TABLE errands (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code             text NOT NULL UNIQUE,
  type_code        text NOT NULL REFERENCES errand_types (code),
  person_id        bigint NOT NULL REFERENCES people (id),
  grid_id          bigint NOT NULL REFERENCES org_units (id),
  grid_path        text COLLATE "C" NOT NULL,
  started_by       bigint NOT NULL REFERENCES users (id),
  department_id    bigint REFERENCES departments (id),
  state            text NOT NULL CHECK (state IN ('draft', 'leader_review', 'department_review', 'returned', 'completed', 'cancelled')),
  fields           jsonb NOT NULL DEFAULT '{}',
  note             text NOT NULL DEFAULT '',
  version          integer NOT NULL DEFAULT 1,
  started_at       timestamptz NOT NULL DEFAULT now(),
  submitted_at     timestamptz,
  due_at           timestamptz,
  completed_at     timestamptz,
  completion_note  text,
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX errands_grid_path_idx ON errands (grid_path, state);
CREATE INDEX errands_department_idx ON errands (department_id, state) WHERE department_id IS NOT NULL;
CREATE INDEX errands_person_idx ON errands (person_id);

-- Every action on an errand, append-only like case_steps: who, in what role, when, note/reason.
CREATE TABLE errand_steps (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  errand_id      bigint NOT NULL REFERENCES errands (id),
  seq            integer NOT NULL,
  action         text NOT NULL,
  from_state     text,
  to_state       text NOT NULL,
  actor_user_id  bigint REFERENCES users (id),
  actor_name     text NOT NULL,
  actor_role     text NOT NULL,
  note           text,
  reason         text,
  details        jsonb NOT NULL DEFAULT '{}',
  at             timestamptz NOT NULL DEFAULT now(),
  UNIQUE (errand_id, seq)
);
CREATE FUNCTION errand_steps_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'errand_steps is append-only (% refused)', TG_OP;
END $$;
CREATE TRIGGER errand_steps_no_update BEFORE UPDATE OR DELETE ON errand_steps
  FOR EACH ROW EXECUTE FUNCTION errand_steps_append_only();

-- Document photos of an errand: attachments linked per required document. A later photo of the
-- same document replaces the earlier one in the current set; both stay in the history.
CREATE TABLE errand_documents (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  errand_id      bigint NOT NULL REFERENCES errands (id),
  document_key   text NOT NULL,
  attachment_id  bigint NOT NULL UNIQUE REFERENCES attachments (id),
  step_id        bigint REFERENCES errand_steps (id),
  added_by       bigint NOT NULL REFERENCES users (id),
  added_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX errand_documents_errand_idx ON errand_documents (errand_id, document_key);

INSERT INTO errand_types (code, name_zh, name_en, required_fields, required_documents, department_kind, time_limit_days) VALUES
('elderly_card', '老年人优待证', 'Senior citizen card',
 '[{"key":"applicant_phone","labelZh":"联系电话","labelEn":"Contact phone","type":"text","required":true,"format":"phone"},
   {"key":"hukou_type","labelZh":"户籍类型","labelEn":"Household registration","type":"enum","required":true,
    "options":[{"key":"local","labelZh":"本市户籍","labelEn":"Local"},{"key":"non_local","labelZh":"非本市户籍（常住）","labelEn":"Non-local resident"}]},
   {"key":"delivery","labelZh":"领取方式","labelEn":"Delivery","type":"enum","required":true,
    "options":[{"key":"home","labelZh":"网格员送证上门","labelEn":"Delivered home by the worker"},{"key":"pickup","labelZh":"社区自取","labelEn":"Pick up at the community"}]},
   {"key":"emergency_contact","labelZh":"紧急联系人","labelEn":"Emergency contact","type":"text","required":false,"maxLength":50},
   {"key":"emergency_phone","labelZh":"紧急联系人电话","labelEn":"Emergency contact phone","type":"text","required":false,"format":"phone"}]',
 '[{"key":"id_copy","labelZh":"身份证复印件","labelEn":"ID card copy"},
   {"key":"photo","labelZh":"近期一寸免冠照片","labelEn":"Recent passport photo"}]',
 'civil_affairs', 15),
-- The disability certificate is issued by the disabled persons' federation (残联); the demo district
-- has none, so civil affairs approves it until an administrator changes the kind.
('disability_certificate', '残疾人证', 'Disability certificate',
 '[{"key":"applicant_phone","labelZh":"联系电话","labelEn":"Contact phone","type":"text","required":true,"format":"phone"},
   {"key":"disability_category","labelZh":"残疾类别","labelEn":"Category of disability","type":"enum","required":true,
    "options":[{"key":"visual","labelZh":"视力残疾","labelEn":"Visual"},{"key":"hearing","labelZh":"听力残疾","labelEn":"Hearing"},
               {"key":"speech","labelZh":"言语残疾","labelEn":"Speech"},{"key":"physical","labelZh":"肢体残疾","labelEn":"Physical"},
               {"key":"intellectual","labelZh":"智力残疾","labelEn":"Intellectual"},{"key":"mental","labelZh":"精神残疾","labelEn":"Mental"},
               {"key":"multiple","labelZh":"多重残疾","labelEn":"Multiple"}]},
   {"key":"assessment_hospital","labelZh":"评定医院","labelEn":"Assessing hospital","type":"text","required":false,"maxLength":100},
   {"key":"guardian_name","labelZh":"监护人姓名","labelEn":"Guardian name","type":"text","required":false,"maxLength":50},
   {"key":"guardian_phone","labelZh":"监护人电话","labelEn":"Guardian phone","type":"text","required":false,"format":"phone"}]',
 '[{"key":"id_copy","labelZh":"身份证复印件","labelEn":"ID card copy"},
   {"key":"hukou_page","labelZh":"户口簿本人页","labelEn":"Household register page"},
   {"key":"photo","labelZh":"近期二寸免冠彩照","labelEn":"Recent colour photo"},
   {"key":"medical_records","labelZh":"病历或诊断证明","labelEn":"Medical records or diagnosis"}]',
 'civil_affairs', 30),
('unemployment_insurance', '失业保险金申领', 'Unemployment insurance benefit',
 '[{"key":"applicant_phone","labelZh":"联系电话","labelEn":"Contact phone","type":"text","required":true,"format":"phone"},
   {"key":"last_employer","labelZh":"原工作单位","labelEn":"Last employer","type":"text","required":true,"maxLength":100},
   {"key":"separation_date","labelZh":"离职日期","labelEn":"Date of separation","type":"date","required":true},
   {"key":"separation_reason","labelZh":"离职原因","labelEn":"Reason for separation","type":"enum","required":true,
    "options":[{"key":"contract_expired","labelZh":"劳动合同期满","labelEn":"Contract expired"},{"key":"employer_terminated","labelZh":"用人单位解除","labelEn":"Terminated by the employer"},
               {"key":"bankruptcy","labelZh":"用人单位破产或关闭","labelEn":"Employer bankrupt or closed"},{"key":"other","labelZh":"其他非本人意愿","labelEn":"Other involuntary"}]},
   {"key":"insured_years","labelZh":"累计缴费年限","labelEn":"Years of contributions","type":"number","required":true,"integer":true,"min":1,"max":50}]',
 '[{"key":"id_copy","labelZh":"身份证复印件","labelEn":"ID card copy"},
   {"key":"separation_certificate","labelZh":"解除或终止劳动合同证明","labelEn":"Certificate of separation"},
   {"key":"social_security_card","labelZh":"社会保障卡","labelEn":"Social security card"}]',
 'human_resources', 20),
('minimum_living_allowance', '低保申请', 'Minimum living allowance',
 '[{"key":"applicant_phone","labelZh":"联系电话","labelEn":"Contact phone","type":"text","required":true,"format":"phone"},
   {"key":"household_size","labelZh":"共同生活家庭成员人数","labelEn":"Household members","type":"number","required":true,"integer":true,"min":1,"max":20},
   {"key":"monthly_income","labelZh":"家庭月总收入（元）","labelEn":"Monthly household income (CNY)","type":"number","required":true,"min":0,"max":1000000},
   {"key":"hardship_reason","labelZh":"困难原因","labelEn":"Cause of hardship","type":"enum","required":true,
    "options":[{"key":"illness","labelZh":"因病","labelEn":"Illness"},{"key":"disability","labelZh":"因残","labelEn":"Disability"},
               {"key":"unemployment","labelZh":"失业","labelEn":"Unemployment"},{"key":"old_age","labelZh":"年老无依","labelEn":"Old age"},
               {"key":"other","labelZh":"其他","labelEn":"Other"}]},
   {"key":"income_source","labelZh":"主要收入来源","labelEn":"Main source of income","type":"text","required":false,"maxLength":200}]',
 '[{"key":"id_copy","labelZh":"身份证复印件","labelEn":"ID card copy"},
   {"key":"hukou_book","labelZh":"户口簿","labelEn":"Household register"},
   {"key":"income_proof","labelZh":"家庭收入证明","labelEn":"Proof of household income"},
   {"key":"property_declaration","labelZh":"家庭财产申报表","labelEn":"Household property declaration"},
   {"key":"verification_consent","labelZh":"经济状况核对授权书","labelEn":"Consent to verify finances"}]',
 'civil_affairs', 30);

-- Permissions.
UPDATE roles SET permissions = permissions || CASE code
  WHEN 'admin'              THEN '{visits.read,visits.configure,errands.read,errands.configure}'::text[]
  WHEN 'city_operator'      THEN '{visits.read,visits.configure,errands.read,errands.configure}'::text[]
  WHEN 'district_operator'  THEN '{visits.read,visits.configure,errands.read}'::text[]
  WHEN 'street_operator'    THEN '{visits.read,visits.configure,errands.read}'::text[]
  WHEN 'community_operator' THEN '{visits.read,errands.read}'::text[]
  WHEN 'command_operator'   THEN '{visits.read,errands.read}'::text[]
  WHEN 'leader'             THEN '{visits.read,errands.read}'::text[]
  WHEN 'department_staff'   THEN '{errands.read,errands.approve}'::text[]
  WHEN 'grid_leader'        THEN '{visits.read,visits.record,errands.read,errands.review}'::text[]
  WHEN 'grid_instructor'    THEN '{visits.read,errands.read}'::text[]
  WHEN 'grid_worker_full'   THEN '{visits.record,errands.read,errands.start}'::text[]
  WHEN 'grid_worker_part'   THEN '{visits.record,errands.read,errands.start}'::text[]
  ELSE '{}'::text[]
END
WHERE builtin;
