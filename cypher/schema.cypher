// The schema graphstudy needs: a uniqueness constraint on every node key
// (study, id) -- several studies share one database, told apart by the
// study key on every node -- and the indexes the look-ups start from.
// Several statements, separated by ";" at the end of a line; each is
// idempotent (IF NOT EXISTS), so running this file again changes nothing.
CREATE CONSTRAINT graphstudy_study_key IF NOT EXISTS
FOR (n:Study) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT graphstudy_participant_key IF NOT EXISTS
FOR (n:Participant) REQUIRE (n.study, n.id) IS UNIQUE;
CREATE CONSTRAINT graphstudy_interview_key IF NOT EXISTS
FOR (n:Interview) REQUIRE (n.study, n.id) IS UNIQUE;
CREATE CONSTRAINT graphstudy_occasion_key IF NOT EXISTS
FOR (n:Occasion) REQUIRE (n.study, n.id) IS UNIQUE;
CREATE CONSTRAINT graphstudy_quote_key IF NOT EXISTS
FOR (n:Quote) REQUIRE (n.study, n.id) IS UNIQUE;
CREATE CONSTRAINT graphstudy_theme_key IF NOT EXISTS
FOR (n:Theme) REQUIRE (n.study, n.id) IS UNIQUE;
CREATE INDEX graphstudy_participant_study IF NOT EXISTS
FOR (n:Participant) ON (n.study);
CREATE INDEX graphstudy_interview_study IF NOT EXISTS
FOR (n:Interview) ON (n.study);
CREATE INDEX graphstudy_occasion_study IF NOT EXISTS
FOR (n:Occasion) ON (n.study);
CREATE INDEX graphstudy_quote_study IF NOT EXISTS
FOR (n:Quote) ON (n.study);
CREATE INDEX graphstudy_theme_study IF NOT EXISTS
FOR (n:Theme) ON (n.study)
