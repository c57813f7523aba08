-- 008_reports.sql: what the volume reports (doc/reports.md) need.
--
--  * orders_network_created grows by service_id, so counting a year's
--    created orders per service and Swedish month reads the index alone
--    (as the overview's counts already do). Its leading columns and name
--    stay, so nothing that used it loses it.
--  * orders_network_final: the same for the orders that reached a final
--    state (activated, rejected, cancelled) in a period, by final_at.
--    The report reads only these anonymous columns, which erasure of the
--    personal data leaves as they are.

SET NAMES utf8mb4;

ALTER TABLE orders
	DROP INDEX orders_network_created,
	ADD KEY orders_network_created (network_id, created_at, provider_id,
	    status, service_id),
	ADD KEY orders_network_final (network_id, final_at, provider_id,
	    service_id, status);
