// Drop graphstudy's constraints and indexes (used by bench/ to time queries
// without them). Several statements, separated by ";" at the end of a line.
DROP CONSTRAINT graphstudy_study_key IF EXISTS;
DROP CONSTRAINT graphstudy_participant_key IF EXISTS;
DROP CONSTRAINT graphstudy_interview_key IF EXISTS;
DROP CONSTRAINT graphstudy_occasion_key IF EXISTS;
DROP CONSTRAINT graphstudy_quote_key IF EXISTS;
DROP CONSTRAINT graphstudy_theme_key IF EXISTS;
DROP INDEX graphstudy_participant_study IF EXISTS;
DROP INDEX graphstudy_interview_study IF EXISTS;
DROP INDEX graphstudy_occasion_study IF EXISTS;
DROP INDEX graphstudy_quote_study IF EXISTS;
DROP INDEX graphstudy_theme_study IF EXISTS
