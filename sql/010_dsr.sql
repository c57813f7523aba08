-- 010_dsr.sql: what the residents' own requests and their handling in
-- the console need beyond 001_init.sql.
--
--  * request_token_hash: the SHA-256 of the random secret in the address
--    of the page where the one-time code is typed, so the page names the
--    request without naming the e-mail address.
--  * pnr_bidx: a request handled in the console (by letter or phone) may
--    be found by personnummer; only its blind index is kept, as in
--    orders. A request then has an e-mail index, a personnummer index or
--    both, never neither.
--  * channel: how the request came: the self-service pages ('web') or to
--    the staff by letter, phone, e-mail or in person.

SET NAMES utf8mb4;

ALTER TABLE dsr_request
	MODIFY COLUMN email_bidx BINARY(32) NULL,
	ADD COLUMN pnr_bidx BINARY(32) NULL AFTER email_bidx,
	ADD COLUMN request_token_hash BINARY(32) NULL AFTER order_id,
	ADD COLUMN channel ENUM('web', 'letter', 'phone', 'email', 'visit',
	    'other') NOT NULL DEFAULT 'web' AFTER status,
	ADD UNIQUE KEY dsr_request_token (request_token_hash),
	ADD KEY dsr_pnr (pnr_bidx, created_at),
	ADD CONSTRAINT dsr_subject_ck
	    CHECK (email_bidx IS NOT NULL OR pnr_bidx IS NOT NULL);
