-- Group commit's statement (group-commit.ts) joins each conversation it wrote to its view: contact,
-- stay, room, assignee, team. With the planner expecting 8 rows of frontdesk_send_batch (and 10
-- of `id = any(array(…))`) it built hash tables of every stay and every stay guest of the
-- installation for each batch, most of them one send, and more work as the hotel grows: at 500
-- guests the statement took 8-12 % longer than with this change, at 2,000 stays 0.82-0.92 ms a call
-- against 0.54-0.73 (bench/README, "Session 26"). A batch at a steady load is one or two sends;
-- expecting one, each view is a probe of the joined tables' primary keys.
ALTER FUNCTION frontdesk_send_batch(jsonb, timestamptz) ROWS 1;
