-- The standard-address register joins people, houses and units in the Excel import; a running
-- import shows how far it has read its file (0–1: bytes of the workbook read), since the number of
-- rows is known only at the end of the stream.
ALTER TABLE register_imports DROP CONSTRAINT register_imports_register_check;
ALTER TABLE register_imports ADD CONSTRAINT register_imports_register_check
  CHECK (register IN ('addresses', 'people', 'houses', 'units'));
ALTER TABLE register_imports ADD COLUMN progress real NOT NULL DEFAULT 0
  CHECK (progress BETWEEN 0 AND 1);
