package nl.bronsein.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.MessageListenerContainer;

import nl.bronsein.runtime.history.CatchUp;
import nl.bronsein.runtime.inbox.InboxProcessor;
import nl.bronsein.runtime.outbox.Relay;

/**
 * A node's whole database as a cheap picture — per table its row count and a hash of every row — to prove that a
 * refused request wrote nothing anywhere: not the object, not its outbox row, not a sequence number, not a copy.
 */
final class NodeTables {

    /**
     * Tables that only grow by design (an audit row per data request): compared by the count of request records and the
     * highest id. A change's own record ({@code name = 'change'}) is not counted: it commits with the change, which
     * the other tables show; nor is the record of handling a notification, which commits with the inbox's mark.
     */
    static final String AUDIT = "audit_record";
    /** The processing log's hash-chain head: the log's own bookkeeping, not a table a request may change. */
    static final String CHAIN_HEAD = "audit_chain_head";

    private NodeTables() {
    }

    /** Table name → "rows:hash" (for the audit trail "rows:max id"). */
    record Snapshot(Map<String, String> tables) {

        /** The tables whose content differs from an earlier snapshot. */
        List<String> changedSince(Snapshot earlier) {
            List<String> changed = new ArrayList<>();
            tables.forEach((table, picture) -> {
                if (!picture.equals(earlier.tables().get(table))) {
                    changed.add(table);
                }
            });
            return changed;
        }

        long rows(String table) {
            return Long.parseLong(tables.get(table).split(":")[0]);
        }

        /** The highest audit row id at the time of the picture. */
        long lastAuditId() {
            return Long.parseLong(tables.get(AUDIT).split(":")[1]);
        }
    }

    static Snapshot of(JdbcClient db) {
        Map<String, String> tables = new TreeMap<>();
        for (String table : db.sql("select table_name from information_schema.tables where lower(table_schema) = 'public'"
                + " and table_type = 'BASE TABLE'").query(String.class).list()) {
            String name = table.toLowerCase(java.util.Locale.ROOT);
            if (name.equals(CHAIN_HEAD)) {
                continue; // moves whenever the sealer chains the audit rows, which every request writes by design
            }
            if (name.equals(AUDIT)) {
                tables.put(name, db.sql("select coalesce(sum(case when name in ('change', 'notification-handled') then 0 else 1 end), 0) || ':' || coalesce(max(id), 0)"
                        + " from " + quoted(table)).query(String.class).single());
                continue;
            }
            List<String> rows = db.sql("select * from " + quoted(table)).query((rs, n) -> {
                StringBuilder row = new StringBuilder();
                for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                    Object value = rs.getObject(c);
                    row.append(value instanceof byte[] bytes ? Arrays.toString(bytes) : String.valueOf(value)).append('|');
                }
                return row.toString();
            }).list();
            tables.put(name, rows.size() + ":" + rows.stream().sorted().toList().hashCode());
        }
        return new Snapshot(tables);
    }

    /** As the catalogue spells it: H2 keeps Flyway's quoted lower-case history table apart from unquoted names. */
    private static String quoted(String table) {
        return '"' + table + '"';
    }

    /**
     * Stops everything a node does by itself — publishing, reading topics, handling its inbox, catching up — so that
     * from now on its database changes only through requests. (A rewind starts the reading and handling again.)
     */
    static void freeze(ConfigurableApplicationContext node) {
        node.getBean(Relay.class).stop();
        node.getBean(CatchUp.class).stop();
        node.getBean("notificationListenerContainer", MessageListenerContainer.class).stop();
        node.getBean(InboxProcessor.class).stop();
    }

    static void thaw(ConfigurableApplicationContext node) {
        node.getBean(InboxProcessor.class).start();
        node.getBean("notificationListenerContainer", MessageListenerContainer.class).start();
        node.getBean(CatchUp.class).start();
        node.getBean(Relay.class).start();
    }
}
