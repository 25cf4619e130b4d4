package io.quiver.sql;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Plans of recently run statement texts, so that a statement typed again in the shell or sent
 * again over JDBC skips Calcite's planning and code generation (100-350 ms each). Least recently
 * used plans are dropped first. Plans made before a schema change are planned again on use.
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
            // Its last rows are still open somewhere: plan this run separately rather than close them.
            return new PreparedSql(session, sql, true);
        }
        if (plan == null) {
            plan = new PreparedSql(session, sql);
            plans.put(sql, plan);
        }
        return plan;
    }

    @Override
    public synchronized void close() {
        plans.values().forEach(PreparedSql::close);
        plans.clear();
    }
}
