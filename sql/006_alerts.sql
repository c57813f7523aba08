-- 006_alerts.sql: what the console's overview needs beyond 002_console.sql.
--
--  * orders_network_created grows by provider_id and status, so the
--    overview's counts over the last 30 days (per day, per provider and
--    status; of the whole network or of one provider) read the index
--    alone, not a row for each order. The name and the leading columns
--    stay, so nothing that used the old key loses it; the foreign key on
--    network_id keeps an index throughout (one ALTER TABLE).

SET NAMES utf8mb4;

ALTER TABLE orders
	DROP INDEX orders_network_created,
	ADD KEY orders_network_created (network_id, created_at, provider_id,
	    status);
