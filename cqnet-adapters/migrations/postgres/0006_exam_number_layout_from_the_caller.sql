-- The application in one statement (0005) takes the layout of the exam number from the
-- caller: the prefix (`ExamNumberPrefix`, year, system code and round) and the number of
-- digits of the sequence (`ExamNumberPrefix::SEQUENCE_DIGITS`), both from cqnet-core, so that
-- the layout lives in one place. A sequence that no longer fits refuses the application (and
-- rolls back the seat and the counter) instead of being cut to the digits.
--
-- The signature changes, so the function of 0005 is dropped and created again; the steps are
-- those described in 0005.

DROP FUNCTION cqnet_apply(TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT);

CREATE FUNCTION cqnet_apply(
    p_key         TEXT,
    p_fingerprint TEXT,
    p_id          TEXT,
    p_round       TEXT,
    p_venue       TEXT,
    p_candidate   TEXT,
    p_prefix      TEXT,
    p_digits      INTEGER,
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
    IF length(v_last::TEXT) > p_digits THEN
        RAISE EXCEPTION 'round % has no exam number left (sequence %)', p_round, v_last
            USING ERRCODE = 'check_violation';
    END IF;
    v_number := p_prefix || lpad(v_last::TEXT, p_digits, '0');
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
