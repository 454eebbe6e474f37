-- Issue 14 point 5: all 19 dispute kinds (矛盾纠纷) of DOMAIN.md §4 as case categories. 0005 made 8
-- (SG01-01…08); these are the other 11 of the people's-mediation statistics (人民调解纠纷类型),
-- each with its filing and closing standard in both languages and its time limits. SG01-08 其他
-- stays last in the list.
--
-- The dispute flag: a category is a dispute exactly when it lies under SG01 (@wangge/rules
-- isDisputeCategory); the column says so in the data and, being generated, cannot drift from it.
ALTER TABLE case_categories
  ADD COLUMN is_dispute boolean GENERATED ALWAYS AS (code LIKE 'SG01-%') STORED;

INSERT INTO case_categories
  (code, parent_code, domain, name_zh, name_en, filing_standard, closing_standard,
   filing_standard_en, closing_standard_en, limits, default_department_kind, is_police, sort)
SELECT k.code, 'SG01', 'social', k.name_zh, k.name_en,
  k.name_zh || '：现场核实属实，有照片与位置',
  k.name_zh || '：问题已消除，现场照片复核一致',
  k.name_en || ': confirmed on site, with photos and the location',
  k.name_en || ': the problem is gone, confirmed by a photo taken on site',
  jsonb_build_object(
    'accept', jsonb_build_object('amount', 2, 'unit', 'hours'),
    'dispatch', jsonb_build_object('amount', 2, 'unit', 'hours'),
    'handle', jsonb_build_object('amount', k.handle_days, 'unit', 'days'),
    'verify', jsonb_build_object('amount', 8, 'unit', 'hours'),
    'close', jsonb_build_object('amount', 1, 'unit', 'days')),
  k.department, false, k.sort
FROM (VALUES
  ('SG01-09', '房屋宅基地纠纷', 'House and homestead disputes', 10, 'housing', 109),
  ('SG01-10', '合同纠纷', 'Contract disputes', 5, 'market_regulation', 110),
  ('SG01-11', '生产经营纠纷', 'Business operation disputes', 5, 'market_regulation', 111),
  ('SG01-12', '损害赔偿纠纷', 'Damage compensation disputes', 5, NULL, 112),
  ('SG01-13', '山林水利纠纷', 'Forest and water-use disputes', 10, 'water', 113),
  ('SG01-14', '环境污染纠纷', 'Environmental pollution disputes', 5, 'ecology_environment', 114),
  ('SG01-15', '道路交通事故纠纷', 'Road traffic accident disputes', 5, 'public_security', 115),
  ('SG01-16', '民间借贷纠纷', 'Private lending disputes', 5, NULL, 116),
  ('SG01-17', '旅游纠纷', 'Tourism disputes', 5, 'market_regulation', 117),
  ('SG01-18', '电子商务纠纷', 'E-commerce disputes', 5, 'market_regulation', 118),
  ('SG01-19', '知识产权纠纷', 'Intellectual property disputes', 10, 'market_regulation', 119)
) AS k (code, name_zh, name_en, handle_days, department, sort)
ON CONFLICT (code) DO NOTHING;

UPDATE case_categories SET sort = 199 WHERE code = 'SG01-08';

-- Issue 14 point 4: a case links the camera(s) that saw it (devices of type camera). Linking is
-- part of working the case, so it is kept like a trace: who linked it and when.
CREATE TABLE case_cameras (
  case_id    bigint NOT NULL REFERENCES cases (id),
  device_id  bigint NOT NULL REFERENCES devices (id),
  linked_by  bigint NOT NULL REFERENCES users (id),
  linked_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, device_id)
);
CREATE INDEX case_cameras_device_idx ON case_cameras (device_id, linked_at DESC);
