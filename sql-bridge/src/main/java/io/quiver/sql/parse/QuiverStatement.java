package io.quiver.sql.parse;

import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;

/**
 * A parsed statement. Quiver's own statements (DDL with VECTOR and BLOB, index and COPY
 * statements) are parsed here; everything else is standard SQL handed to Calcite as text, after
 * the rewrites Calcite needs (time travel, the ON CONFLICT clause taken off, the row address
 * column of UPDATE and DELETE).
 */
public sealed interface QuiverStatement {
    /** CREATE TABLE, with columns or AS a query. */
    record CreateTable(
            String name,
            boolean ifNotExists,
            List<ColumnDef> columns,
            List<String> primaryKey,
            String format,
            Map<String, String> with,
            String asQuery)
            implements QuiverStatement {}

    /** CREATE EXTERNAL TABLE name USING format LOCATION 'location': mounts an existing dataset. */
    record CreateExternalTable(String name, String format, String location) implements QuiverStatement {}

    record DropTable(String name, boolean ifExists) implements QuiverStatement {}

    record ShowTables() implements QuiverStatement {}

    record Describe(String table) implements QuiverStatement {}

    /** ALTER TABLE t ADD VECTOR INDEX [name] ON column [USING method] [WITH (...)]; name may be null. */
    record AddVectorIndex(String table, String name, String column, String method, Map<String, String> with)
            implements QuiverStatement {}

    record DropIndex(String table, String name) implements QuiverStatement {}

    record AddColumn(String table, ColumnDef column) implements QuiverStatement {}

    record DropColumn(String table, String column) implements QuiverStatement {}

    /** OPTIMIZE t: compaction, then every vector index brought up to date. */
    record Optimize(String table) implements QuiverStatement {}

    record CopyFrom(String table, String file, Map<String, String> options) implements QuiverStatement {}

    /** COPY (query) TO 'file' or COPY t TO 'file'; {@code query} is SQL text for Calcite. */
    record CopyTo(String query, String file, Map<String, String> options) implements QuiverStatement {}

    /** INSERT or UPSERT: {@code insert} is the statement without its ON CONFLICT clause (null: none). */
    record Insert(SqlInsert insert, OnConflict onConflict) implements QuiverStatement {}

    /**
     * UPDATE or DELETE (or EXPLAIN of one), which Calcite plans into a table modification the
     * engine runs. {@code sql} names the target as written (for a table of a plug-in format);
     * {@code sqlWithRowAddresses} extends it with the {@code _rowaddr} column, by which a Quiver
     * table's modification finds again the rows it read. {@code setColumns}: UPDATE's targets, as
     * written (empty for DELETE).
     */
    record Modify(
            SqlKind kind,
            String table,
            List<String> setColumns,
            boolean explain,
            String sql,
            String sqlWithRowAddresses)
            implements QuiverStatement {
        public Modify {
            setColumns = List.copyOf(setColumns);
        }

        /** The statement's verb, as its update count is reported ("UPDATE 3"). */
        public String verb() {
            return kind.name();
        }
    }

    /** A query or EXPLAIN of one for Calcite, of the kind its syntax tree says. */
    record Standard(String sql, SqlKind kind) implements QuiverStatement {
        /** Whether it returns rows: a query, or EXPLAIN. */
        public boolean isQuery() {
            return kind.belongsTo(SqlKind.QUERY) || kind == SqlKind.EXPLAIN;
        }
    }

    /**
     * {@code ON CONFLICT [(keys)] DO NOTHING} ({@code set} null) or {@code DO UPDATE SET c =
     * EXCLUDED.c, ...} ({@code set}: target column to the inserted row's column it takes).
     */
    record OnConflict(List<String> keys, Map<String, String> set) {
        public boolean doNothing() {
            return set == null;
        }
    }
}
