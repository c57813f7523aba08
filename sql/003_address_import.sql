-- 003_address_import.sql: imports of the network's address register.
--
-- The console keeps an uploaded CSV file here between its preview and its
-- apply (the preview is computed again from the file each time it is
-- shown, so it always compares with the database as it is), and every
-- import applied, from the console or by tjgctl import-addresses, leaves
-- its counts here. The file holds addresses and outlet codes only, no
-- personal data; tjgctl records its imports without the file.

SET NAMES utf8mb4;

CREATE TABLE address_import (
	id		BIGINT NOT NULL AUTO_INCREMENT,
	network_id	BIGINT NOT NULL,
	-- Who uploaded it: "user:alice", "cli:root".
	actor		VARCHAR(100) NOT NULL,
	user_id		BIGINT NULL,
	filename	VARCHAR(255) NOT NULL DEFAULT '',
	size		INT UNSIGNED NOT NULL,
	sha256		BINARY(32) NOT NULL,
	-- The file as uploaded; NULL for imports run by tjgctl.
	content		MEDIUMBLOB NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	-- Set once, in the transaction that applied the import.
	applied_at	DATETIME(6) NULL,
	applied_by	VARCHAR(100) NULL,
	addresses_added	INT UNSIGNED NULL,
	addresses_changed INT UNSIGNED NULL,
	outlets_added	INT UNSIGNED NULL,
	outlets_changed	INT UNSIGNED NULL,
	rows_unchanged	INT UNSIGNED NULL,
	rows_rejected	INT UNSIGNED NULL,
	PRIMARY KEY (id),
	KEY address_import_network (network_id, created_at),
	KEY address_import_user (user_id),
	CONSTRAINT address_import_network_fk FOREIGN KEY (network_id)
	    REFERENCES network (id),
	CONSTRAINT address_import_user_fk FOREIGN KEY (user_id)
	    REFERENCES app_user (id) ON DELETE SET NULL,
	CONSTRAINT address_import_applied_ck
	    CHECK ((applied_at IS NULL) = (applied_by IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Address register import: the uploaded file, then its counts';
