-- A password the user did not choose themselves (the demo seed's published one, or one an
-- administrator set) must be changed before anything else, outside demo mode (WANGGE_DEMO=false).
-- Until now users could not change their own password at all, so every existing password was set
-- by the seed or by an administrator: all existing users are marked, and so is every new one
-- until its owner sets a password of their own (POST /api/auth/password).
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT true;
