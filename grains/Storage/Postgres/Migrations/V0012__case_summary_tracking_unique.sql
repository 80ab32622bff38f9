-- A tracking code names exactly one case (issue 20: opening commits once). Until now each code was claimed by a
-- write of its own (the tracking grain's state row) before the case's save; now the case's board row, written in the
-- case's own first transaction, is the claim: a second case with the same code fails its save whole and draws a new
-- code on retry. The plain index of V0005 (search by tracking code) becomes a unique one under the same name; the
-- codes already stored are unique, since every one of them was claimed before. Rebuilding takes a lock on case_summary
-- for the build (seconds for a million rows), once. The embedded schema's step 9 is the same.
DROP INDEX IF EXISTS case_summary_tracking;
CREATE UNIQUE INDEX case_summary_tracking ON case_summary (tracking_code);
