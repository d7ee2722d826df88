// The schema graphstudy needs: a uniqueness constraint on every node key
// (study, id) -- several studies share one database, told apart by the
// study key on every node. Each constraint's index is also the index the
// look-ups start from: a seek on (study, id), or a scan of one study with
// "WHERE n.id IS NOT NULL" (a composite index serves an equality on its
// first property when the others are only required to exist). No separate
// index on study alone: on a new database the planner would pick it for
// (study, id) look-ups and scan the whole study for every row.
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
FOR (n:Theme) REQUIRE (n.study, n.id) IS UNIQUE
