-- The console in English (issue 11 item 3): each category's filing and closing standard in English
-- beside the Chinese one, and inbox notifications that the reader's client can render in the
-- reader's language.

-- The built-in standards follow one pattern per category ("<name>：现场核实属实…"); they get the same
-- pattern in English. A standard an administrator wrote by hand keeps its text until translated.
ALTER TABLE case_categories
  ADD COLUMN filing_standard_en text NOT NULL DEFAULT '',
  ADD COLUMN closing_standard_en text NOT NULL DEFAULT '';
UPDATE case_categories SET
  filing_standard_en = CASE
    WHEN filing_standard = '' THEN ''
    WHEN filing_standard = name_zh || '：现场核实属实，有照片与位置'
      THEN name_en || ': confirmed on site, with photos and the location'
    ELSE filing_standard
  END,
  closing_standard_en = CASE
    WHEN closing_standard = '' THEN ''
    WHEN closing_standard = name_zh || '：问题已消除，现场照片复核一致'
      THEN name_en || ': the problem is gone, confirmed by a photo taken on site'
    ELSE closing_standard
  END;

-- What a notification says, as data: the key of its title in the label table of @wangge/rules and
-- its subject in both languages ({"key":"dispatched","subject":{"zh":…,"en":…}}). Older rows have
-- none and show their stored Chinese title.
ALTER TABLE notifications ADD COLUMN params jsonb NOT NULL DEFAULT '{}';
