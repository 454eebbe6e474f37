-- Open311 status_notes show the public only what staff chose to publish with an action; internal
-- notes and reasons (a voiding approver's words, staff names) stay inside the platform (issue 10).
ALTER TABLE case_steps
  ADD COLUMN public_note text CHECK (public_note IS NULL OR char_length(public_note) <= 1000);

-- The reporter's media link (Open311 media_url): kept with the case and returned, never fetched.
ALTER TABLE cases
  ADD COLUMN media_url text CHECK (media_url IS NULL OR char_length(media_url) <= 2000);
