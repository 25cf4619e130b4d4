package io.quiver.sql;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Plans of recently run statement texts, so that a statement typed again in the shell or sent
 * again over JDBC skips Calcite's planning and code generation (100-350 ms each). Least recently
 * used plans are dropped first; a plan whose execution failed is dropped, so a stale plan is
 * made again.
 */
final class StatementCache implements AutoCloseable {
    private final QuiverSql session;
    private final Map<String, PreparedSql> plans;

    StatementCache(QuiverSql session, int capacity) {
        this.session = session;
        this.plans = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparedSql> eldest) {
                if (size() > capacity) {
                    eldest.getValue().close();
                    return true;
                }
                return false;
            }
        };
    }

    synchronized PreparedSql get(String sql) throws SQLException {
        PreparedSql plan = plans.get(sql);
        if (plan != null && plan.hasOpenRows()) {
            // The same text again while its earlier rows are still being read: a plan of its own,
            // so that those rows stay readable (the session closes it).
            return new PreparedSql(session, sql);
        }
        if (plan == null) {
            plan = new PreparedSql(session, sql);
            plans.put(sql, plan);
        }
        return plan;
    }

    synchronized void evict(String sql) {
        PreparedSql plan = plans.remove(sql);
        if (plan != null) {
            plan.close();
        }
    }

    @Override
    public synchronized void close() {
        plans.values().forEach(PreparedSql::close);
        plans.clear();
    }
}
