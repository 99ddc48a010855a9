-- A parked record's topic fits whatever topic it came from: Kafka's longest topic name is 249 characters
-- (InboxBounds.TOPIC). Parking is what keeps one bad record from blocking its partition, so parking itself must not fail.
alter table parked_record alter column topic set data type varchar(249);
