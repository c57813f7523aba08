-- 007_contacts.sql: the contact register's review (issue 7).
--
--  * The responsible contact person of an organisation (the network, or a
--    provider) is a contact with role 'admin', shown as "ansvarig
--    kontaktperson" / "responsible contact": the one responsible for
--    communication, to whom `tjgctl contacts review` mails the list to
--    confirm. Every network and every active provider must have at least
--    one; the console warns while one is missing and refuses to remove
--    (or re-role) the last one. The column's comment says so, so that
--    the meaning lives in the schema too.
--  * contact_review_mail: the review mail queued for an organisation on a
--    day, unique per organisation and day, so `tjgctl contacts review` is
--    idempotent per day (a second run the same day queues nothing, and
--    two concurrent runs cannot both queue one). Ids and counts only.
--  * contact_flagged: the purge finds flagged contacts by this index.

SET NAMES utf8mb4;

ALTER TABLE contact
	MODIFY role ENUM('admin', 'technical', 'orders', 'billing',
	    'privacy', 'other') NOT NULL DEFAULT 'other'
	    COMMENT 'admin = the responsible contact (ansvarig kontaktperson)',
	ADD KEY contact_flagged (flagged_at);

CREATE TABLE contact_review_mail (
	id		BIGINT NOT NULL AUTO_INCREMENT,
	owner_kind	ENUM('network', 'provider') NOT NULL,
	owner_id	BIGINT NOT NULL,
	-- The day of the run (UTC date of its clock, TJG_NOW in tests).
	day		DATE NOT NULL,
	contacts	INT UNSIGNED NOT NULL,	-- due contacts listed
	recipients	INT UNSIGNED NOT NULL,	-- responsible contacts mailed
	created_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	UNIQUE KEY contact_review_mail_day (owner_kind, owner_id, day),
	KEY contact_review_mail_old (day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Review mails of the contact register: one per organisation a day';
