package io.quiver.sql.schema;

/**
 * A table's schema changed (through another connection or process) after a statement was planned
 * against it: the plan must be made again. The session does so once by itself.
 */
public final class TableChangedException extends IllegalStateException {
    public TableChangedException(String table) {
        super("table " + table + " changed since the statement was planned; run it again");
    }
}
