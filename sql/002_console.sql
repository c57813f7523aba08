-- 002_console.sql: what the console needs beyond 001_init.sql.
--
--  * Areas and addresses can be deactivated, never deleted while orders
--    or outlets refer to them: an inactive address is not found by the
--    public search, an inactive area offers nothing new.
--  * The alert thresholds of the network itself (between the provider's
--    own and the configuration's defaults).
--  * The network's logo, served by the application so the CSP can stay
--    at img-src 'self'.

SET NAMES utf8mb4;

ALTER TABLE area
	ADD COLUMN active TINYINT(1) NOT NULL DEFAULT 1 AFTER code;

ALTER TABLE address
	ADD COLUMN active TINYINT(1) NOT NULL DEFAULT 1 AFTER external_id;

ALTER TABLE network
	ADD COLUMN alert_unfetched_hours SMALLINT UNSIGNED NULL
	    AFTER alert_email,
	ADD COLUMN alert_unacked_hours SMALLINT UNSIGNED NULL
	    AFTER alert_unfetched_hours,
	ADD COLUMN logo MEDIUMBLOB NULL AFTER logo_url,
	ADD COLUMN logo_type VARCHAR(32) COLLATE utf8mb4_bin NULL AFTER logo,
	ADD CONSTRAINT network_logo_ck CHECK (logo IS NULL OR
	    logo_type IN ('image/png', 'image/jpeg', 'image/svg+xml',
	    'image/webp'));
