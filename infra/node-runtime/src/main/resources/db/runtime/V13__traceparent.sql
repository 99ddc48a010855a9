-- One trace across the network: a notification carries the W3C traceparent of the change it announces (the change's
-- own processing record as its parent span), sent as the CloudEvents distributed-tracing extension (ce_traceparent)
-- and served in the notification history; the inbox keeps what it received, so that handling it (and every pull and
-- change that follows) continues that trace. 55 characters: 00-<32 hex>-<16 hex>-<2 hex>. Random ids, no personal data.
-- Rows from before this version, and notifications from a sender that sends none, keep null: their handling starts a
-- trace of its own.
alter table outbox_entry add column traceparent varchar(55);
alter table inbox_entry add column traceparent varchar(55);
