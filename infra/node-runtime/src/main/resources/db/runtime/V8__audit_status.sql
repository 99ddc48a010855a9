-- The HTTP status a request on the network door was answered with: every request there is one audit row, also those
-- refused before any policy (405, 406, 415, 404 for an unknown path, Tomcat's own 400s). Null for a refused TLS
-- handshake and a staff read.
alter table audit_record add column status integer;
