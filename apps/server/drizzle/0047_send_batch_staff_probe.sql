-- Group commit (0041_send_batch.sql), the staff send's lookup of its conversation: with `LIMIT 1` the
-- lateral subquery stays a probe of conversations' primary key per send. Without it PostgreSQL folded
-- the subquery into a hash join and, expecting the hundred rows it assumes of jsonb_to_recordset,
-- scanned every conversation of the installation on each batch, guests' sends included: 0.16 of the
-- batch's 0.62 ms for one send at 500 conversations, and growing with the table (bench/README,
-- "Session 14"). Otherwise unchanged.

CREATE OR REPLACE FUNCTION frontdesk_send_batch(sends jsonb, now timestamptz)
RETURNS TABLE (idx int, conversation_id uuid, message jsonb, conversation jsonb)
-- a batch is a few sends, not the thousand rows the planner assumes of a function: the views are
-- then read by index, not by scanning conversations
ROWS 8
LANGUAGE plpgsql AS $$
DECLARE
  s record;
  writer text;
  c conversations;
  m messages;
BEGIN
  -- where each send goes: its conversation (null when it has none to write to), in the batch's order
  FOR s IN
    SELECT x.idx, x.sender_type, x.contact_id, coalesce(st.id, gt.id, vt.id) AS target, x.sender_name, x.sender_key,
           x.client_id, x.body, x.preview
    FROM jsonb_to_recordset(sends) AS x(idx int, sender_type text, contact_id uuid, conversation_id uuid,
           org_id uuid, team_ids uuid[], sender_name text, sender_key text, client_id text, body text,
           preview text)
    LEFT JOIN LATERAL (
      SELECT t.id FROM conversations t
      WHERE x.sender_type = 'staff' AND t.id = x.conversation_id AND t.org_id = x.org_id
        AND (x.team_ids IS NULL OR t.team_id IS NULL OR t.team_id = ANY (x.team_ids) OR t.assignee_id = x.contact_id)
      LIMIT 1
    ) st ON true
    LEFT JOIN LATERAL (
      SELECT t.id FROM conversations t
      WHERE x.sender_type = 'guest' AND t.guest_id = x.contact_id AND t.status <> 'resolved'
        AND (x.conversation_id IS NULL OR t.id = x.conversation_id)
      ORDER BY t.last_message_at DESC, t.id DESC LIMIT 1
    ) gt ON true
    LEFT JOIN LATERAL (
      SELECT t.id FROM conversations t
      WHERE x.sender_type = 'visitor' AND t.visitor_id = x.contact_id AND t.status <> 'resolved'
        AND (x.conversation_id IS NULL OR t.id = x.conversation_id)
      ORDER BY t.last_message_at DESC, t.id DESC LIMIT 1
    ) vt ON true
    ORDER BY x.idx
  LOOP
    CONTINUE WHEN s.target IS NULL;
    -- another transaction holds its conversation (another batch, a request being taken): never
    -- waited for; the send comes back without a message, and its node puts it in its next batch.
    -- NO KEY UPDATE, the lock an UPDATE of these columns takes: a row referencing the conversation
    -- being written (an e-mail digest, a metric) holds KEY SHARE, which this does not skip
    PERFORM 1 FROM conversations t WHERE t.id = s.target FOR NO KEY UPDATE SKIP LOCKED;
    IF NOT FOUND THEN
      idx := s.idx;
      conversation_id := s.target;
      message := NULL;
      conversation := NULL;
      RETURN NEXT;
      CONTINUE;
    END IF;
    -- a retry of a stored send (in this batch or before): its caller finds the earlier message
    CONTINUE WHEN EXISTS (
      SELECT 1 FROM messages p WHERE p.sender_key = s.sender_key AND p.client_id = s.client_id);
    IF s.sender_type = 'staff' THEN
      writer := s.sender_name;
      UPDATE conversations t SET
        last_seq = t.last_seq + 1, last_message_at = now, preview = s.preview,
        guest_unread = t.guest_unread + 1, first_response_at = coalesce(t.first_response_at, now),
        staff_read_seq = t.last_seq + 1, staff_delivered_seq = t.last_seq + 1, staff_unread = 0,
        awaiting_since = NULL
      WHERE t.id = s.target AND t.status <> 'queued' AND t.merged_into_id IS NULL
      RETURNING t.* INTO c;
    ELSE
      -- who is writing, while their stay lets them (guestAccess's rule: not ended, not past check-out)
      IF s.sender_type = 'guest' THEN
        SELECT g.name INTO writer FROM stay_guests g JOIN stays y ON y.id = g.stay_id
        WHERE g.id = s.contact_id AND y.ended_at IS NULL AND y.check_out_at > now;
      ELSE
        SELECT v.name INTO writer FROM visitors v WHERE v.id = s.contact_id;
      END IF;
      CONTINUE WHEN NOT FOUND;
      UPDATE conversations t SET
        last_seq = t.last_seq + 1, last_message_at = now, preview = s.preview,
        staff_unread = t.staff_unread + 1, awaiting_since = coalesce(t.awaiting_since, now),
        guest_read_seq = t.last_seq + 1, guest_delivered_seq = t.last_seq + 1
      WHERE t.id = s.target AND t.status <> 'resolved'
      RETURNING t.* INTO c;
    END IF;
    CONTINUE WHEN NOT FOUND;
    INSERT INTO messages AS i
      (org_id, conversation_id, seq, sender_type, sender_id, sender_name, sender_key, client_id, body, created_at)
    VALUES (c.org_id, c.id, c.last_seq, s.sender_type, s.contact_id, writer, s.sender_key, s.client_id, s.body, now)
    RETURNING i.* INTO m;
    idx := s.idx;
    conversation_id := c.id;
    message := to_jsonb(m);
    conversation := to_jsonb(c);
    RETURN NEXT;
  END LOOP;
END;
$$;
