// Drop graphstudy's constraints (and so their indexes) (used by bench/ to time queries
// without them). Several statements, separated by ";" at the end of a line.
DROP CONSTRAINT graphstudy_study_key IF EXISTS;
DROP CONSTRAINT graphstudy_participant_key IF EXISTS;
DROP CONSTRAINT graphstudy_interview_key IF EXISTS;
DROP CONSTRAINT graphstudy_occasion_key IF EXISTS;
DROP CONSTRAINT graphstudy_quote_key IF EXISTS;
DROP CONSTRAINT graphstudy_theme_key IF EXISTS
