-- Group commit's statement (group-commit.ts) joins each conversation it wrote to its view: contact,
-- stay, room, assignee, team. With the planner expecting 8 rows of frontdesk_send_batch (and 10
-- of `id = any(array(…))`) it built hash tables of every stay and every stay guest of the
-- installation for each batch, most of them one send: at 500 guests 0.5 of the statement's 1.26 ms
-- (bench/README, "Session 26"), and growing with the number of stays. A batch at a steady load is
-- one or two sends; expecting one, each view is a probe of the joined tables' primary keys.
ALTER FUNCTION frontdesk_send_batch(jsonb, timestamptz) ROWS 1;
