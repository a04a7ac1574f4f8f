-- An application (원서접수) in one statement: `SELECT * FROM cqnet_apply(…)` run outside an
-- explicit transaction is one round trip and one transaction, so the locks it takes (the
-- venue's row, the round's counter row, the audit log) are held only while the server runs
-- it, not across client round trips. It does what `ExamStore::apply` does on every adapter,
-- in the same order:
--
--   1. a key already recorded answers the retry ('replay', with the stored fingerprint and
--      answer, compared by the caller);
--   2. an active application of the candidate in the round refuses ('duplicate');
--   3. a seat is taken by the conditional update (`booked < capacity`), or the venue is full
--      ('full', with its capacity) or unknown ('no_venue');
--   4. the round's counter gives the next exam number: the caller's six-character prefix
--      (the form of `ExamNumber::compose`) and the sequence on six digits;
--   5. the application row (the caller's body with the number set), the key with the answer
--      (the application's body), and the audit line ('apply', the caller's subject with
--      `{number}` replaced) are inserted.
--
-- Refusals (2, 3) look at the key again first: a concurrent first attempt with the same key
-- may have committed after step 1 read it, and its answer is then the retry's answer. Every
-- statement of a PL/pgSQL function under READ COMMITTED sees the commits made before it
-- started, so the audit position read after the table lock follows commit order, as the other
-- commands' positions do.

CREATE FUNCTION cqnet_apply(
    p_key         TEXT,
    p_fingerprint TEXT,
    p_id          TEXT,
    p_round       TEXT,
    p_venue       TEXT,
    p_candidate   TEXT,
    p_prefix      TEXT,
    p_body        TEXT,
    p_actor       TEXT,
    p_at          TEXT,
    p_subject     TEXT,
    OUT outcome   TEXT,
    OUT detail    TEXT,
    OUT answer    TEXT
) LANGUAGE plpgsql AS $$
DECLARE
    v_capacity BIGINT;
    v_last     BIGINT;
    v_number   TEXT;
    v_fingerprint TEXT;
    v_result   TEXT;
BEGIN
    SELECT k.fingerprint, k.result INTO detail, answer FROM idempotency_keys k WHERE k.key = p_key;
    IF FOUND THEN
        outcome := 'replay';
        RETURN;
    END IF;

    IF EXISTS (SELECT 1 FROM exam_applications a
               WHERE a.round = p_round AND a.candidate = p_candidate AND a.active) THEN
        outcome := 'duplicate';
    ELSE
        UPDATE exam_venues v SET booked = v.booked + 1
            WHERE v.round = p_round AND v.code = p_venue AND v.booked < v.capacity
            RETURNING v.capacity INTO v_capacity;
        IF NOT FOUND THEN
            SELECT v.capacity INTO v_capacity FROM exam_venues v
                WHERE v.round = p_round AND v.code = p_venue;
            IF FOUND THEN
                outcome := 'full';
                detail := v_capacity::TEXT;
            ELSE
                outcome := 'no_venue';
            END IF;
        END IF;
    END IF;

    IF outcome IS NOT NULL THEN
        -- (A SELECT … INTO that finds no row sets its targets to NULL: read into locals.)
        SELECT k.fingerprint, k.result INTO v_fingerprint, v_result FROM idempotency_keys k
            WHERE k.key = p_key;
        IF FOUND THEN
            outcome := 'replay';
            detail := v_fingerprint;
            answer := v_result;
        END IF;
        RETURN;
    END IF;

    UPDATE exam_counters c SET last = c.last + 1 WHERE c.round = p_round
        RETURNING c.last INTO v_last;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'round % has no exam number counter', p_round
            USING ERRCODE = 'data_corrupted';
    END IF;
    v_number := p_prefix || lpad(v_last::TEXT, 6, '0');
    answer := jsonb_set(p_body::jsonb, '{number}', to_jsonb(v_number))::TEXT;

    INSERT INTO exam_applications (id, round, venue, candidate, number, active, version, body)
        VALUES (p_id, p_round, p_venue, p_candidate, v_number, TRUE, 1, answer);
    INSERT INTO idempotency_keys (key, fingerprint, result) VALUES (p_key, p_fingerprint, answer);
    LOCK TABLE audit_log IN EXCLUSIVE MODE;
    INSERT INTO audit_log (seq, actor, at, command, subject, outcome)
        VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM audit_log), p_actor, p_at, 'apply',
                replace(p_subject, '{number}', v_number), 'ok');
    outcome := 'applied';
END;
$$;
