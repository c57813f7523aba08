-- 001_init.sql: the whole data model of Tjänsteguiden.
--
-- Conventions:
--  * InnoDB, utf8mb4. Names and texts utf8mb4_unicode_ci, keys, codes, slugs
--    and normalised strings utf8mb4_bin where comparison must be exact.
--  * Ids are BIGINT AUTO_INCREMENT (C: long long).
--  * Every time is DATETIME(6) in UTC. Defaults use UTC_TIMESTAMP(6) and code
--    writes UTC_TIMESTAMP(6) too (the connection also runs with
--    time_zone +00:00, so NOW() would agree, but do not rely on it).
--    Calendar dates (start dates, review dates) are DATE.
--  * Money is BIGINT öre, consumer prices including VAT.
--  * Secrets (session ids, tokens, one-time codes) are stored only as
--    SHA-256 hashes, BINARY(32). Blind indexes are HMAC-SHA256, BINARY(32).
--  * Personal data lives only in orders.pii (AES-256-GCM), contact,
--    app_user, outbox.to_addr/body (until sent) and dsr_request (hashes).
--  * schema_migrations is created by the migration tool, not here.

SET NAMES utf8mb4;

-- ---------------------------------------------------------------------------
-- Networks and their outlets
-- ---------------------------------------------------------------------------

-- A city network: the tenant, chosen by Host header, with its look and texts.
CREATE TABLE network (
	id		BIGINT NOT NULL AUTO_INCREMENT,
	slug		VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
	name		VARCHAR(200) NOT NULL,
	-- The controller (privacy page, GDPR Art. 13) and whom to contact
	-- about the outlet.
	legal_name	VARCHAR(200) NOT NULL DEFAULT '',
	org_number	VARCHAR(11) COLLATE utf8mb4_bin NULL,
	postal_address	VARCHAR(500) NOT NULL DEFAULT '',
	contact_email	VARCHAR(254) NOT NULL DEFAULT '',
	contact_phone	VARCHAR(32) NOT NULL DEFAULT '',
	contact_url	VARCHAR(500) NOT NULL DEFAULT '',
	privacy_email	VARCHAR(254) NULL,
	-- Look: the guide of each network looks like its own site.
	site_url	VARCHAR(500) NOT NULL DEFAULT '',
	logo_url	VARCHAR(500) NOT NULL DEFAULT '',
	colour_primary	CHAR(7) COLLATE utf8mb4_bin NOT NULL DEFAULT '#00558c',
	colour_accent	CHAR(7) COLLATE utf8mb4_bin NOT NULL DEFAULT '#e35205',
	colour_text	CHAR(7) COLLATE utf8mb4_bin NOT NULL DEFAULT '#1a1a1a',
	colour_background CHAR(7) COLLATE utf8mb4_bin NOT NULL
			    DEFAULT '#ffffff',
	landing_title_sv VARCHAR(200) NOT NULL DEFAULT '',
	landing_title_en VARCHAR(200) NOT NULL DEFAULT '',
	landing_text_sv	TEXT NULL,
	landing_text_en	TEXT NULL,
	footer_text_sv	TEXT NULL,
	footer_text_en	TEXT NULL,
	-- Origins allowed to embed the address search (space separated).
	embed_origins	VARCHAR(1000) NOT NULL DEFAULT '',
	-- Settings: NULL means the default of the configuration.
	retention_days	SMALLINT UNSIGNED NULL,
	alert_email	VARCHAR(254) NULL,
	active		TINYINT(1) NOT NULL DEFAULT 1,
	created_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	updated_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	UNIQUE KEY network_slug (slug),
	CONSTRAINT network_slug_ck CHECK (slug REGEXP '^[a-z0-9][a-z0-9-]*$'),
	CONSTRAINT network_org_ck
	    CHECK (org_number IS NULL OR
		org_number REGEXP '^[0-9]{6}-[0-9]{4}$'),
	CONSTRAINT network_colour_ck CHECK (
	    colour_primary REGEXP '^#[0-9a-fA-F]{6}$' AND
	    colour_accent REGEXP '^#[0-9a-fA-F]{6}$' AND
	    colour_text REGEXP '^#[0-9a-fA-F]{6}$' AND
	    colour_background REGEXP '^#[0-9a-fA-F]{6}$'),
	CONSTRAINT network_retention_ck
	    CHECK (retention_days IS NULL OR retention_days BETWEEN 1 AND 3650)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='City network (tenant): controller details, look, texts, settings';

-- An area (district) of a network. Services can be limited to areas.
CREATE TABLE area (
	id		BIGINT NOT NULL AUTO_INCREMENT,
	network_id	BIGINT NOT NULL,
	name		VARCHAR(200) NOT NULL,
	code		VARCHAR(32) COLLATE utf8mb4_bin NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	UNIQUE KEY area_network_name (network_id, name),
	UNIQUE KEY area_network_code (network_id, code),
	-- Target of composite keys that keep children in the same network.
	UNIQUE KEY area_id_network (id, network_id),
	CONSTRAINT area_network_fk FOREIGN KEY (network_id)
	    REFERENCES network (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Area (district) of a network';

-- A postal address (belägenhetsadress) from the address register.
CREATE TABLE address (
	id		BIGINT NOT NULL AUTO_INCREMENT,
	network_id	BIGINT NOT NULL,
	area_id		BIGINT NULL,
	street		VARCHAR(200) NOT NULL,
	-- addr_norm(street): lower-case ASCII, for prefix search.
	street_norm	VARCHAR(200) COLLATE utf8mb4_bin NOT NULL,
	number		INT NOT NULL,
	-- Letter after the number, "" if none. Case-insensitive on purpose.
	littera		VARCHAR(2) NOT NULL DEFAULT '',
	postcode	CHAR(5) COLLATE utf8mb4_bin NOT NULL,
	city		VARCHAR(100) NOT NULL,
	external_id	VARCHAR(64) COLLATE utf8mb4_bin NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	updated_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	UNIQUE KEY address_external (network_id, external_id),
	KEY address_street (network_id, street_norm, number, littera),
	KEY address_postcode (network_id, postcode, number),
	UNIQUE KEY address_id_network (id, network_id),
	KEY address_area (area_id, network_id),
	CONSTRAINT address_network_fk FOREIGN KEY (network_id)
	    REFERENCES network (id),
	CONSTRAINT address_area_fk FOREIGN KEY (area_id, network_id)
	    REFERENCES area (id, network_id),
	CONSTRAINT address_number_ck CHECK (number BETWEEN 1 AND 99999),
	CONSTRAINT address_littera_ck
	    CHECK (littera REGEXP '^[A-Za-z]{0,2}$'),
	CONSTRAINT address_postcode_ck CHECK (postcode REGEXP '^[0-9]{5}$')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Postal address with street, number, littera, postcode, city';

-- A network outlet (stadsnätsuttag): what a resident orders services on.
CREATE TABLE outlet (
	id		BIGINT NOT NULL AUTO_INCREMENT,
	network_id	BIGINT NOT NULL,
	address_id	BIGINT NOT NULL,
	-- Code printed on the socket (ON-API accessId). Case-insensitive.
	code		VARCHAR(32) NOT NULL,
	-- Lägenhetsnummer (ON-API mduApartmentNumber). NULL in a house.
	apartment	CHAR(4) COLLATE utf8mb4_bin NULL,
	-- Other marking of the apartment (ON-API mduDistinguisher).
	distinguisher	VARCHAR(32) NULL,
	status		ENUM('active', 'planned', 'inactive') NOT NULL
			    DEFAULT 'active',
	-- First day services can be delivered (planned outlets).
	active_from	DATE NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	updated_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	UNIQUE KEY outlet_code (network_id, code),
	UNIQUE KEY outlet_apartment (address_id, apartment),
	UNIQUE KEY outlet_id_network (id, network_id),
	KEY outlet_address_network (address_id, network_id),
	CONSTRAINT outlet_address_fk FOREIGN KEY (address_id, network_id)
	    REFERENCES address (id, network_id),
	CONSTRAINT outlet_network_fk FOREIGN KEY (network_id)
	    REFERENCES network (id),
	CONSTRAINT outlet_code_ck
	    CHECK (code REGEXP '^[A-Za-z0-9][A-Za-z0-9-]*$'),
	CONSTRAINT outlet_apartment_ck
	    CHECK (apartment IS NULL OR apartment REGEXP '^[0-9]{4}$')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Network outlet: code on the socket, lägenhetsnummer, status';

-- ---------------------------------------------------------------------------
-- Providers and their catalogue
-- ---------------------------------------------------------------------------

-- A service provider (tjänsteleverantör), or the network selling directly.
CREATE TABLE provider (
	id		BIGINT NOT NULL AUTO_INCREMENT,
	slug		VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
	name		VARCHAR(200) NOT NULL,
	legal_name	VARCHAR(200) NOT NULL DEFAULT '',
	org_number	VARCHAR(11) COLLATE utf8mb4_bin NOT NULL,
	-- Customer service: contract and faults.
	email		VARCHAR(254) NOT NULL DEFAULT '',
	phone		VARCHAR(32) NOT NULL DEFAULT '',
	url		VARCHAR(500) NOT NULL DEFAULT '',
	terms_url	VARCHAR(500) NOT NULL DEFAULT '',
	privacy_url	VARCHAR(500) NOT NULL DEFAULT '',
	-- Personnummer asked only when required, with the reason shown.
	requires_pnr	TINYINT(1) NOT NULL DEFAULT 0,
	refuses_samordning TINYINT(1) NOT NULL DEFAULT 0,
	pnr_reason_sv	VARCHAR(500) NOT NULL DEFAULT '',
	pnr_reason_en	VARCHAR(500) NOT NULL DEFAULT '',
	-- Optional X.509 certificate: customerDetails CMS-encrypted to it.
	cert_pem	TEXT NULL,
	cert_sha256	BINARY(32) NULL,
	cert_not_after	DATETIME(6) NULL,
	-- Alerts and feed polling: NULL means the default of the configuration.
	alert_unfetched_hours SMALLINT UNSIGNED NULL,
	alert_unacked_hours SMALLINT UNSIGNED NULL,
	alert_email	VARCHAR(254) NULL,
	poll_interval_s	INT UNSIGNED NULL,
	-- Set when this is a network selling its own services directly.
	own_network_id	BIGINT NULL,
	active		TINYINT(1) NOT NULL DEFAULT 1,
	created_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	updated_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	UNIQUE KEY provider_slug (slug),
	KEY provider_own_network (own_network_id),
	CONSTRAINT provider_own_network_fk FOREIGN KEY (own_network_id)
	    REFERENCES network (id),
	CONSTRAINT provider_slug_ck CHECK (slug REGEXP '^[a-z0-9][a-z0-9-]*$'),
	CONSTRAINT provider_org_ck
	    CHECK (org_number REGEXP '^[0-9]{6}-[0-9]{4}$'),
	CONSTRAINT provider_pnr_ck
	    CHECK (refuses_samordning = 0 OR requires_pnr = 1),
	CONSTRAINT provider_cert_ck
	    CHECK (cert_pem IS NULL OR cert_sha256 IS NOT NULL)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Service provider: contact, terms, personnummer policy, alerts';

-- The networks a provider delivers in (kept with active = 0 after it
-- leaves, since orders refer to the pair).
CREATE TABLE provider_network (
	provider_id	BIGINT NOT NULL,
	network_id	BIGINT NOT NULL,
	active		TINYINT(1) NOT NULL DEFAULT 1,
	created_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (provider_id, network_id),
	KEY provider_network_network (network_id),
	CONSTRAINT provider_network_provider_fk FOREIGN KEY (provider_id)
	    REFERENCES provider (id) ON DELETE CASCADE,
	CONSTRAINT provider_network_network_fk FOREIGN KEY (network_id)
	    REFERENCES network (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Provider delivers in network';

-- A service a provider sells: speeds, prices, binding, campaign.
CREATE TABLE service (
	id		BIGINT NOT NULL AUTO_INCREMENT,
	provider_id	BIGINT NOT NULL,
	category	ENUM('internet', 'tv', 'phone', 'other') NOT NULL,
	name		VARCHAR(200) NOT NULL,
	description	TEXT NULL,
	-- Product code of the provider itself, echoed in the feed.
	external_code	VARCHAR(64) COLLATE utf8mb4_bin NULL,
	down_mbps	INT UNSIGNED NULL,
	up_mbps		INT UNSIGNED NULL,
	monthly_ore	BIGINT NOT NULL,
	start_fee_ore	BIGINT NOT NULL DEFAULT 0,
	binding_months	SMALLINT UNSIGNED NOT NULL DEFAULT 0,
	notice_months	SMALLINT UNSIGNED NOT NULL DEFAULT 0,
	-- Campaign for the first campaign_months months: "percent" off
	-- (value 1..100), "amount" öre off a month, or a "fixed" monthly
	-- price in öre. Orderable with the campaign until campaign_until.
	campaign_kind	ENUM('none', 'percent', 'amount', 'fixed') NOT NULL
			    DEFAULT 'none',
	campaign_value	BIGINT NOT NULL DEFAULT 0,
	campaign_months	SMALLINT UNSIGNED NOT NULL DEFAULT 0,
	campaign_until	DATE NULL,
	-- Overrides provider.terms_url when set.
	terms_url	VARCHAR(500) NULL,
	-- Orderable window: NULL means open-ended.
	available_from	DATE NULL,
	available_until	DATE NULL,
	-- 1: orderable only in the areas listed in service_area.
	-- 0: in every area of every network the provider delivers in.
	limited_to_areas TINYINT(1) NOT NULL DEFAULT 0,
	sort		INT NOT NULL DEFAULT 0,
	active		TINYINT(1) NOT NULL DEFAULT 1,
	created_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	updated_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	UNIQUE KEY service_external (provider_id, external_code),
	UNIQUE KEY service_id_provider (id, provider_id),
	KEY service_provider_active (provider_id, active, category, sort),
	CONSTRAINT service_provider_fk FOREIGN KEY (provider_id)
	    REFERENCES provider (id),
	CONSTRAINT service_price_ck
	    CHECK (monthly_ore >= 0 AND start_fee_ore >= 0),
	CONSTRAINT service_months_ck
	    CHECK (binding_months <= 60 AND notice_months <= 60),
	CONSTRAINT service_campaign_ck CHECK (
	    (campaign_kind = 'none' AND campaign_value = 0 AND
	     campaign_months = 0) OR
	    (campaign_kind = 'percent' AND campaign_value BETWEEN 1 AND 100
	     AND campaign_months > 0) OR
	    (campaign_kind = 'amount' AND campaign_value > 0 AND
	     campaign_months > 0) OR
	    (campaign_kind = 'fixed' AND campaign_value >= 0 AND
	     campaign_months > 0)),
	CONSTRAINT service_window_ck CHECK (available_from IS NULL OR
	    available_until IS NULL OR available_from <= available_until)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Service of a provider: category, speeds, prices, campaign';

-- Areas a service with limited_to_areas = 1 is orderable in.
CREATE TABLE service_area (
	service_id	BIGINT NOT NULL,
	area_id		BIGINT NOT NULL,
	PRIMARY KEY (service_id, area_id),
	KEY service_area_area (area_id),
	CONSTRAINT service_area_service_fk FOREIGN KEY (service_id)
	    REFERENCES service (id) ON DELETE CASCADE,
	CONSTRAINT service_area_area_fk FOREIGN KEY (area_id)
	    REFERENCES area (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Service orderable in area';

-- An extra field on the order form, asked by a provider, a network or
-- for one service. Values go into orders.pii (encrypted).
CREATE TABLE form_field (
	id		BIGINT NOT NULL AUTO_INCREMENT,
	provider_id	BIGINT NULL,
	network_id	BIGINT NULL,
	service_id	BIGINT NULL,
	field_key	VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
	label_sv	VARCHAR(200) NOT NULL,
	label_en	VARCHAR(200) NOT NULL,
	-- Why it is asked, shown next to the field.
	help_sv		VARCHAR(500) NOT NULL DEFAULT '',
	help_en		VARCHAR(500) NOT NULL DEFAULT '',
	kind		ENUM('text', 'select', 'checkbox', 'date') NOT NULL,
	-- For "select": one option a line, "value|label_sv|label_en".
	options		TEXT NULL,
	required	TINYINT(1) NOT NULL DEFAULT 0,
	-- For "text": a regular expression the whole value must match.
	pattern		VARCHAR(200) NULL,
	max_len		SMALLINT UNSIGNED NOT NULL DEFAULT 200,
	sort		INT NOT NULL DEFAULT 0,
	active		TINYINT(1) NOT NULL DEFAULT 1,
	created_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	updated_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	UNIQUE KEY form_field_provider (provider_id, field_key),
	UNIQUE KEY form_field_network (network_id, field_key),
	UNIQUE KEY form_field_service (service_id, field_key),
	CONSTRAINT form_field_provider_fk FOREIGN KEY (provider_id)
	    REFERENCES provider (id) ON DELETE CASCADE,
	CONSTRAINT form_field_network_fk FOREIGN KEY (network_id)
	    REFERENCES network (id) ON DELETE CASCADE,
	CONSTRAINT form_field_service_fk FOREIGN KEY (service_id)
	    REFERENCES service (id) ON DELETE CASCADE,
	CONSTRAINT form_field_owner_ck CHECK ((provider_id IS NOT NULL) +
	    (network_id IS NOT NULL) + (service_id IS NOT NULL) = 1),
	CONSTRAINT form_field_key_ck
	    CHECK (field_key REGEXP '^[a-z][a-z0-9_]*$'),
	CONSTRAINT form_field_options_ck
	    CHECK (kind <> 'select' OR options IS NOT NULL)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Extra order form field of a provider, network or service';

-- ---------------------------------------------------------------------------
-- Orders and the provider feed
-- ---------------------------------------------------------------------------

-- Feed counter of a provider. Writers lock the row FOR UPDATE and take
-- last_seq + 1 as orders.feed_seq, so sequence numbers are
-- commit-ordered. Created together with the provider.
CREATE TABLE provider_feed (
	provider_id	BIGINT NOT NULL,
	last_seq	BIGINT NOT NULL DEFAULT 0,
	-- Highest sequence the provider acknowledged by asking after it.
	acked_seq	BIGINT NOT NULL DEFAULT 0,
	acked_at	DATETIME(6) NULL,
	last_poll_at	DATETIME(6) NULL,
	PRIMARY KEY (provider_id),
	CONSTRAINT provider_feed_provider_fk FOREIGN KEY (provider_id)
	    REFERENCES provider (id) ON DELETE CASCADE,
	CONSTRAINT provider_feed_seq_ck
	    CHECK (acked_seq >= 0 AND acked_seq <= last_seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Per-provider feed sequence counter and acknowledged cursor';

-- An order of a resident. After erasure the row stays as anonymous
-- statistics: pii, blind indexes, outlet_id, provider_reference and
-- external_message are cleared. Network, area, provider, service, the
-- price terms and the timestamps remain (volume reports, invoicing).
CREATE TABLE orders (
	id		BIGINT NOT NULL AUTO_INCREMENT,
	-- Public reference, shown to the resident and the provider.
	ref		CHAR(12) COLLATE utf8mb4_bin NOT NULL,
	network_id	BIGINT NOT NULL,
	outlet_id	BIGINT NULL,
	area_id		BIGINT NULL,
	provider_id	BIGINT NOT NULL,
	service_id	BIGINT NOT NULL,
	status		ENUM('new', 'received', 'activated', 'rejected',
			    'cancelled') NOT NULL DEFAULT 'new',
	-- SHA-256 of the secret in the status link of the resident.
	status_token_hash BINARY(32) NOT NULL,
	-- SHA-256 of the one-time key of the form: a resubmitted form finds
	-- the order it already created.
	idem_hash	BINARY(32) NULL,
	lang		CHAR(2) COLLATE utf8mb4_bin NOT NULL DEFAULT 'sv',
	-- Terms as shown when ordering.
	service_name	VARCHAR(200) NOT NULL,
	monthly_ore	BIGINT NOT NULL,
	start_fee_ore	BIGINT NOT NULL,
	binding_months	SMALLINT UNSIGNED NOT NULL,
	notice_months	SMALLINT UNSIGNED NOT NULL,
	campaign_kind	ENUM('none', 'percent', 'amount', 'fixed') NOT NULL
			    DEFAULT 'none',
	campaign_value	BIGINT NOT NULL DEFAULT 0,
	campaign_months	SMALLINT UNSIGNED NOT NULL DEFAULT 0,
	desired_start	DATE NULL,
	-- Personal data: key id (1 byte) || nonce || ciphertext || tag,
	-- AES-256-GCM. pii_key_id repeats the key id for rotation.
	pii		BLOB NULL,
	pii_key_id	SMALLINT UNSIGNED NULL,
	pnr_bidx	BINARY(32) NULL,
	email_bidx	BINARY(32) NULL,
	-- From the status reports of the provider.
	provider_reference VARCHAR(100) NULL,
	external_message VARCHAR(1000) NULL,
	status_date	DATE NULL,
	-- Position in the feed of the provider: renumbered at every change.
	feed_seq	BIGINT NOT NULL,
	fetched_at	DATETIME(6) NULL,
	final_at	DATETIME(6) NULL,
	erased_at	DATETIME(6) NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	updated_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	-- Retention runs from the first of fetch or final state.
	retain_from	DATETIME(6) AS (CASE
			    WHEN fetched_at IS NULL THEN final_at
			    WHEN final_at IS NULL THEN fetched_at
			    ELSE LEAST(fetched_at, final_at) END) STORED,
	PRIMARY KEY (id),
	UNIQUE KEY orders_ref (ref),
	UNIQUE KEY orders_feed (provider_id, feed_seq),
	UNIQUE KEY orders_status_token (status_token_hash),
	UNIQUE KEY orders_idem (idem_hash),
	KEY orders_network_created (network_id, created_at),
	KEY orders_provider_created (provider_id, created_at),
	KEY orders_provider_status (provider_id, status, created_at),
	KEY orders_outlet (outlet_id, network_id),
	KEY orders_area (area_id),
	KEY orders_service (service_id, provider_id),
	KEY orders_provider_network (provider_id, network_id),
	KEY orders_pnr (pnr_bidx),
	KEY orders_email (email_bidx),
	KEY orders_key (pii_key_id),
	KEY orders_retention (erased_at, retain_from),
	CONSTRAINT orders_network_fk FOREIGN KEY (network_id)
	    REFERENCES network (id),
	CONSTRAINT orders_outlet_fk FOREIGN KEY (outlet_id, network_id)
	    REFERENCES outlet (id, network_id),
	CONSTRAINT orders_area_fk FOREIGN KEY (area_id)
	    REFERENCES area (id) ON DELETE SET NULL,
	CONSTRAINT orders_service_fk FOREIGN KEY (service_id, provider_id)
	    REFERENCES service (id, provider_id),
	CONSTRAINT orders_provider_network_fk
	    FOREIGN KEY (provider_id, network_id)
	    REFERENCES provider_network (provider_id, network_id),
	CONSTRAINT orders_ref_ck CHECK (ref REGEXP '^[0-9A-Z]{12}$'),
	CONSTRAINT orders_lang_ck CHECK (lang IN ('sv', 'en')),
	CONSTRAINT orders_final_ck CHECK ((final_at IS NULL) =
	    (status IN ('new', 'received'))),
	CONSTRAINT orders_erased_ck CHECK (erased_at IS NULL OR (pii IS NULL
	    AND pnr_bidx IS NULL AND email_bidx IS NULL AND outlet_id IS NULL)),
	CONSTRAINT orders_outlet_ck
	    CHECK (outlet_id IS NOT NULL OR erased_at IS NOT NULL),
	CONSTRAINT orders_seq_ck CHECK (feed_seq > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Order: terms, status, encrypted personal data, feed position';

-- The order log: who did what to an order, and when.
CREATE TABLE order_event (
	id		BIGINT NOT NULL AUTO_INCREMENT,
	order_id	BIGINT NOT NULL,
	kind		ENUM('created', 'fetched', 'received', 'activated',
			    'rejected', 'cancelled', 'viewed', 'exported',
			    'erased', 'status', 'mail', 'note') NOT NULL,
	actor_kind	ENUM('resident', 'provider', 'admin', 'system')
			    NOT NULL,
	-- app_user.id for admins and provider users, provider.id for the
	-- API. No foreign key, so the log outlives users.
	actor_id	BIGINT NULL,
	-- Internal note, never personal data of the resident.
	note		VARCHAR(1000) NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	KEY order_event_order (order_id, created_at),
	KEY order_event_created (created_at),
	CONSTRAINT order_event_order_fk FOREIGN KEY (order_id)
	    REFERENCES orders (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Order log: created, fetched, status, viewed, exported, erased';

-- ---------------------------------------------------------------------------
-- Console: contacts, users, sessions, throttling, tokens, audit
-- ---------------------------------------------------------------------------

-- The contact register: named contact persons of a network or a provider,
-- reviewed by review_due and purged when no longer confirmed.
CREATE TABLE contact (
	id		BIGINT NOT NULL AUTO_INCREMENT,
	network_id	BIGINT NULL,
	provider_id	BIGINT NULL,
	first_name	VARCHAR(100) NOT NULL,
	last_name	VARCHAR(100) NOT NULL,
	username	VARCHAR(64) NULL,
	email		VARCHAR(254) NOT NULL,
	phone		VARCHAR(32) NULL,
	role		ENUM('admin', 'technical', 'orders', 'billing',
			    'privacy', 'other') NOT NULL DEFAULT 'other',
	added_by	BIGINT NULL,
	confirmed_by	BIGINT NULL,
	confirmed_at	DATETIME(6) NULL,
	review_due	DATE NOT NULL,
	-- Set when the review is overdue and the entry awaits purge.
	flagged_at	DATETIME(6) NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	updated_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	KEY contact_network (network_id, role),
	KEY contact_provider (provider_id, role),
	KEY contact_review (review_due),
	KEY contact_email (email),
	CONSTRAINT contact_network_fk FOREIGN KEY (network_id)
	    REFERENCES network (id) ON DELETE CASCADE,
	CONSTRAINT contact_provider_fk FOREIGN KEY (provider_id)
	    REFERENCES provider (id) ON DELETE CASCADE,
	CONSTRAINT contact_owner_ck
	    CHECK ((network_id IS NULL) <> (provider_id IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Contact register of networks and providers, with review dates';

-- A console user: network administrator or support, or provider user.
CREATE TABLE app_user (
	id		BIGINT NOT NULL AUTO_INCREMENT,
	username	VARCHAR(64) NOT NULL,
	-- "$scrypt$ln=..,r=..,p=..$salt$hash" (base64).
	password_hash	VARCHAR(255) COLLATE utf8mb4_bin NOT NULL,
	role		ENUM('network_admin', 'network_support',
			    'provider_user') NOT NULL,
	network_id	BIGINT NULL,
	provider_id	BIGINT NULL,
	contact_id	BIGINT NULL,
	disabled	TINYINT(1) NOT NULL DEFAULT 0,
	failed_logins	INT UNSIGNED NOT NULL DEFAULT 0,
	locked_until	DATETIME(6) NULL,
	last_login_at	DATETIME(6) NULL,
	password_changed_at DATETIME(6) NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	updated_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	UNIQUE KEY app_user_username (username),
	KEY app_user_network (network_id),
	KEY app_user_provider (provider_id),
	KEY app_user_contact (contact_id),
	CONSTRAINT app_user_network_fk FOREIGN KEY (network_id)
	    REFERENCES network (id),
	CONSTRAINT app_user_provider_fk FOREIGN KEY (provider_id)
	    REFERENCES provider (id),
	CONSTRAINT app_user_contact_fk FOREIGN KEY (contact_id)
	    REFERENCES contact (id) ON DELETE SET NULL,
	-- Network roles belong to a network. Provider users to a provider.
	CONSTRAINT app_user_role_ck CHECK (
	    (role = 'provider_user' AND provider_id IS NOT NULL) OR
	    (role <> 'provider_user' AND network_id IS NOT NULL AND
	     provider_id IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Console user with role, scrypt password hash, lockout state';

ALTER TABLE contact
	ADD CONSTRAINT contact_added_by_fk FOREIGN KEY (added_by)
	    REFERENCES app_user (id) ON DELETE SET NULL,
	ADD CONSTRAINT contact_confirmed_by_fk FOREIGN KEY (confirmed_by)
	    REFERENCES app_user (id) ON DELETE SET NULL;

-- A console session, known by the SHA-256 of its cookie value.
CREATE TABLE session (
	id_hash		BINARY(32) NOT NULL,
	user_id		BIGINT NOT NULL,
	csrf_secret	BINARY(32) NOT NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	last_seen_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id_hash),
	KEY session_user (user_id),
	KEY session_seen (last_seen_at),
	CONSTRAINT session_user_fk FOREIGN KEY (user_id)
	    REFERENCES app_user (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Console session (hashed id) with its CSRF secret';

-- Login attempts, for throttling by address and by account. The account
-- is a hash of the lower-cased user name, so typed passwords and unknown
-- names are never stored.
CREATE TABLE login_attempt (
	id		BIGINT NOT NULL AUTO_INCREMENT,
	ip		INET6 NOT NULL,
	account_hash	BINARY(32) NOT NULL,
	user_id		BIGINT NULL,
	ok		TINYINT(1) NOT NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	KEY login_attempt_ip (ip, created_at),
	KEY login_attempt_account (account_hash, created_at),
	KEY login_attempt_created (created_at),
	KEY login_attempt_user (user_id),
	CONSTRAINT login_attempt_user_fk FOREIGN KEY (user_id)
	    REFERENCES app_user (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Login attempts for throttling by IP and by account';

-- Fixed-window counters for rate limits shared by all workers. The bucket
-- is the SHA-256 of "what:who" (e.g. "search:" + address).
CREATE TABLE rate_limit (
	bucket		BINARY(32) NOT NULL,
	window_start	DATETIME(6) NOT NULL,
	count		INT UNSIGNED NOT NULL DEFAULT 0,
	PRIMARY KEY (bucket, window_start),
	KEY rate_limit_window (window_start)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Rate-limit counters per bucket and time window';

-- API bearer token of a provider, known by its SHA-256 only.
CREATE TABLE api_token (
	id		BIGINT NOT NULL AUTO_INCREMENT,
	provider_id	BIGINT NOT NULL,
	token_hash	BINARY(32) NOT NULL,
	label		VARCHAR(100) NOT NULL DEFAULT '',
	created_by	BIGINT NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	last_used_at	DATETIME(6) NULL,
	expires_at	DATETIME(6) NULL,
	revoked_at	DATETIME(6) NULL,
	PRIMARY KEY (id),
	UNIQUE KEY api_token_hash (token_hash),
	KEY api_token_provider (provider_id),
	KEY api_token_created_by (created_by),
	CONSTRAINT api_token_provider_fk FOREIGN KEY (provider_id)
	    REFERENCES provider (id) ON DELETE CASCADE,
	CONSTRAINT api_token_created_by_fk FOREIGN KEY (created_by)
	    REFERENCES app_user (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Provider API token (hash), label, use and revocation times';

-- The audit log: console and CLI actions, personal-data access, logins.
-- No foreign keys, so nothing can change or block it. Never personal data
-- in its text columns (references and ids only).
CREATE TABLE audit (
	id		BIGINT NOT NULL AUTO_INCREMENT,
	user_id		BIGINT NULL,
	network_id	BIGINT NULL,
	provider_id	BIGINT NULL,
	-- Who, readable after the user is gone: "user:alice", "cli:root",
	-- "provider:acme", "system".
	actor		VARCHAR(100) NOT NULL,
	action		VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
	object_kind	VARCHAR(32) COLLATE utf8mb4_bin NULL,
	object_ref	VARCHAR(64) COLLATE utf8mb4_bin NULL,
	detail		VARCHAR(1000) NULL,
	ip		INET6 NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	KEY audit_network (network_id, created_at),
	KEY audit_provider (provider_id, created_at),
	KEY audit_user (user_id, created_at),
	KEY audit_object (object_kind, object_ref),
	KEY audit_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Audit log of actions and personal-data access';

-- ---------------------------------------------------------------------------
-- GDPR: data subject requests, records of processing. Mail, alerts
-- ---------------------------------------------------------------------------

-- A data subject request (access/copy, erasure, rectification), proven by a
-- one-time code sent to the e-mail used in the orders.
CREATE TABLE dsr_request (
	id		BIGINT NOT NULL AUTO_INCREMENT,
	network_id	BIGINT NOT NULL,
	kind		ENUM('access', 'erasure', 'rectification') NOT NULL,
	status		ENUM('pending', 'verified', 'done', 'rejected',
			    'expired') NOT NULL DEFAULT 'pending',
	-- Blind index of the e-mail address (same key as orders.email_bidx).
	email_bidx	BINARY(32) NOT NULL,
	-- Set when the request came from the status page of one order.
	order_id	BIGINT NULL,
	code_hash	BINARY(32) NULL,
	attempts	SMALLINT UNSIGNED NOT NULL DEFAULT 0,
	expires_at	DATETIME(6) NOT NULL,
	-- After verification: SHA-256 of the secret that shows the result.
	access_token_hash BINARY(32) NULL,
	verified_at	DATETIME(6) NULL,
	done_at		DATETIME(6) NULL,
	handled_by	BIGINT NULL,
	note		VARCHAR(1000) NULL,
	lang		CHAR(2) COLLATE utf8mb4_bin NOT NULL DEFAULT 'sv',
	created_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	UNIQUE KEY dsr_access_token (access_token_hash),
	KEY dsr_email (email_bidx, created_at),
	KEY dsr_network_status (network_id, status, created_at),
	KEY dsr_order (order_id),
	KEY dsr_handled_by (handled_by),
	CONSTRAINT dsr_network_fk FOREIGN KEY (network_id)
	    REFERENCES network (id),
	CONSTRAINT dsr_order_fk FOREIGN KEY (order_id)
	    REFERENCES orders (id) ON DELETE SET NULL,
	CONSTRAINT dsr_handled_by_fk FOREIGN KEY (handled_by)
	    REFERENCES app_user (id) ON DELETE SET NULL,
	CONSTRAINT dsr_lang_ck CHECK (lang IN ('sv', 'en'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Data subject request with one-time code and its handling';

-- Records of processing (GDPR Art. 30), one row per processing activity.
CREATE TABLE processing_record (
	id		BIGINT NOT NULL AUTO_INCREMENT,
	network_id	BIGINT NOT NULL,
	name		VARCHAR(200) NOT NULL,
	purpose		TEXT NOT NULL,
	legal_basis	VARCHAR(500) NOT NULL,
	data_subjects	VARCHAR(500) NOT NULL,
	data_categories	TEXT NOT NULL,
	recipients	TEXT NOT NULL,
	third_countries	VARCHAR(500) NOT NULL DEFAULT '',
	retention	VARCHAR(500) NOT NULL,
	security	TEXT NOT NULL,
	sort		INT NOT NULL DEFAULT 0,
	updated_by	BIGINT NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	updated_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	KEY processing_network (network_id, sort),
	KEY processing_updated_by (updated_by),
	CONSTRAINT processing_network_fk FOREIGN KEY (network_id)
	    REFERENCES network (id) ON DELETE CASCADE,
	CONSTRAINT processing_updated_by_fk FOREIGN KEY (updated_by)
	    REFERENCES app_user (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Records of processing activities (GDPR Art. 30)';

-- Outgoing mail. to_addr and body are personal data: erased (NULL) once
-- the mail is sent or has finally failed. Kind and times remain.
CREATE TABLE outbox (
	id		BIGINT NOT NULL AUTO_INCREMENT,
	network_id	BIGINT NULL,
	order_id	BIGINT NULL,
	-- Template: "receipt", "status", "dsr_code", "alert", ...
	kind		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	to_addr		VARCHAR(254) NULL,
	subject		VARCHAR(200) NOT NULL,
	body		MEDIUMTEXT NULL,
	status		ENUM('pending', 'sent', 'failed') NOT NULL
			    DEFAULT 'pending',
	attempts	SMALLINT UNSIGNED NOT NULL DEFAULT 0,
	next_attempt_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	last_error	VARCHAR(255) NULL,
	sent_at		DATETIME(6) NULL,
	erased_at	DATETIME(6) NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	KEY outbox_due (status, next_attempt_at),
	KEY outbox_order (order_id),
	KEY outbox_network (network_id, created_at),
	KEY outbox_erase (erased_at, status),
	CONSTRAINT outbox_network_fk FOREIGN KEY (network_id)
	    REFERENCES network (id) ON DELETE SET NULL,
	CONSTRAINT outbox_order_fk FOREIGN KEY (order_id)
	    REFERENCES orders (id) ON DELETE SET NULL,
	CONSTRAINT outbox_pending_ck CHECK (status <> 'pending' OR
	    (to_addr IS NOT NULL AND body IS NOT NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Mail queue; address and body erased after sending';

-- Alerts raised for orders a provider has not fetched or acknowledged in
-- time. One open alert per order and kind, so mail goes out once.
CREATE TABLE alert (
	id		BIGINT NOT NULL AUTO_INCREMENT,
	network_id	BIGINT NOT NULL,
	provider_id	BIGINT NOT NULL,
	order_id	BIGINT NULL,
	kind		ENUM('unfetched', 'unacked', 'cert_expiry') NOT NULL,
	raised_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	notified_at	DATETIME(6) NULL,
	cleared_at	DATETIME(6) NULL,
	PRIMARY KEY (id),
	UNIQUE KEY alert_order_kind (order_id, kind),
	KEY alert_open (network_id, cleared_at, raised_at),
	KEY alert_provider (provider_id, cleared_at),
	CONSTRAINT alert_network_fk FOREIGN KEY (network_id)
	    REFERENCES network (id) ON DELETE CASCADE,
	CONSTRAINT alert_provider_fk FOREIGN KEY (provider_id)
	    REFERENCES provider (id) ON DELETE CASCADE,
	CONSTRAINT alert_order_fk FOREIGN KEY (order_id)
	    REFERENCES orders (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Open and cleared alerts on late provider handling';
