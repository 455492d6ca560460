-- An expert who did not judge cues leaves them null; an empty list says "no cues". (Databases
-- that applied an early 0011 had the column NOT NULL DEFAULT '{}'.)
ALTER TABLE analysis_labels ALTER COLUMN cues DROP NOT NULL, ALTER COLUMN cues DROP DEFAULT;
