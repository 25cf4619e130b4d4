package io.quiver.sql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.engine.testing.TestRandom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDescribeTable;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSnapshot;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;
import org.apache.calcite.sql.ddl.SqlColumnDeclaration;
import org.apache.calcite.sql.ddl.SqlDropTable;
import org.apache.calcite.sql.ddl.SqlKeyConstraint;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Quiver's grammar: every statement form parses to the node it should, and bad input says where. */
@ExtendWith(TestRandom.class)
class QuiverSqlParserTest {
    private static SqlNode parse(String sql) {
        try {
            SqlNode node = QuiverSqlParser.parse(sql);
            assertUnparsesStably(sql, node);
            return node;
        } catch (SqlParseException e) {
            throw new AssertionError(sql + ": " + e.getMessage(), e);
        }
    }

    /** Written back as SQL, the tree parses to a tree that is written back the same way. */
    private static void assertUnparsesStably(String sql, SqlNode node) throws SqlParseException {
        String once = node.toSqlString(CalciteSqlDialect.DEFAULT).getSql();
        String twice = QuiverSqlParser.parse(once)
                .toSqlString(CalciteSqlDialect.DEFAULT)
                .getSql();
        assertEquals(once, twice, sql);
    }

    private static SqlParseException syntaxError(String sql) {
        return assertThrows(SqlParseException.class, () -> QuiverSqlParser.parse(sql), sql);
    }

    private static Map<String, String> options(SqlNodeList options) {
        Map<String, String> map = new LinkedHashMap<>();
        for (SqlNode o : options) {
            SqlQuiverOption option = (SqlQuiverOption) o;
            map.put(option.keyName(), option.valueText());
        }
        return map;
    }

    private static List<String> names(SqlNodeList identifiers) {
        List<String> names = new ArrayList<>();
        for (SqlNode n : identifiers) {
            names.add(((SqlIdentifier) n).getSimple());
        }
        return names;
    }

    @Test
    void createTableWithQuiverTypesKeysAndOptions() {
        SqlCreateQuiverTable c = (SqlCreateQuiverTable)
                parse("CREATE TABLE IF NOT EXISTS Images (id BIGINT PRIMARY KEY, caption VARCHAR NOT NULL,"
                        + " embedding VECTOR(768), image BLOB, price DECIMAL(10, 2) NULL, ts TIMESTAMP WITH TIME ZONE,"
                        + " d DOUBLE PRECISION, \"Mixed\" text) USING QUIVER WITH (buckets = 64)");
        assertEquals(SqlKind.CREATE_TABLE, c.getKind());
        assertTrue(c.ifNotExists);
        assertEquals("images", c.name.getSimple());
        assertEquals("quiver", c.format().getSimple());
        assertEquals(Map.of("buckets", "64"), options(c.options()));
        assertNull(c.query);
        List<SqlNode> elements = c.columnList.getList();
        assertEquals(9, elements.size(), "8 columns and the key constraint after id");
        SqlColumnDeclaration id = (SqlColumnDeclaration) elements.get(0);
        assertEquals("id", id.name.getSimple());
        assertEquals(Boolean.FALSE, id.dataType.getNullable(), "a key column is NOT NULL");
        SqlKeyConstraint key = (SqlKeyConstraint) elements.get(1);
        assertEquals(SqlKind.PRIMARY_KEY, key.getKind());
        assertEquals(List.of("id"), names((SqlNodeList) key.getOperandList().get(1)));
        SqlColumnDeclaration caption = (SqlColumnDeclaration) elements.get(2);
        assertEquals(Boolean.FALSE, caption.dataType.getNullable());
        SqlColumnDeclaration embedding = (SqlColumnDeclaration) elements.get(3);
        assertEquals(768, ((SqlVectorTypeNameSpec) embedding.dataType.getTypeNameSpec()).dimension());
        assertEquals(Boolean.TRUE, embedding.dataType.getNullable());
        assertInstanceOf(
                SqlBlobTypeNameSpec.class, ((SqlColumnDeclaration) elements.get(4)).dataType.getTypeNameSpec());
        SqlBasicTypeNameSpec price =
                (SqlBasicTypeNameSpec) ((SqlColumnDeclaration) elements.get(5)).dataType.getTypeNameSpec();
        assertEquals(SqlTypeName.DECIMAL, SqlTypeName.get(price.getTypeName().getSimple()));
        assertEquals(10, price.getPrecision());
        assertEquals(2, price.getScale());
        assertEquals(
                "TIMESTAMP_TZ",
                ((SqlColumnDeclaration) elements.get(6))
                        .dataType
                        .getTypeNameSpec()
                        .getTypeName()
                        .getSimple());
        assertEquals(
                "DOUBLE",
                ((SqlColumnDeclaration) elements.get(7))
                        .dataType
                        .getTypeNameSpec()
                        .getTypeName()
                        .getSimple());
        SqlColumnDeclaration mixed = (SqlColumnDeclaration) elements.get(8);
        assertEquals("Mixed", mixed.name.getSimple(), "quoted names keep their case");
        SqlUserDefinedTypeNameSpec text = (SqlUserDefinedTypeNameSpec) mixed.dataType.getTypeNameSpec();
        assertEquals("text", text.getTypeName().getSimple(), "other type names are left to the DDL to resolve");
    }

    @Test
    void createTableForms() {
        SqlCreateQuiverTable plain = (SqlCreateQuiverTable)
                parse("create table plain (a INTEGER NOT NULL, d DECIMAL(10, 2), PRIMARY KEY (a, d));");
        assertFalse(plain.ifNotExists);
        assertNull(plain.format());
        assertTrue(plain.options().isEmpty());
        SqlKeyConstraint key = (SqlKeyConstraint) plain.columnList.get(2);
        assertEquals(List.of("a", "d"), names((SqlNodeList) key.getOperandList().get(1)));

        SqlCreateQuiverTable ctas = (SqlCreateQuiverTable)
                parse("CREATE TABLE dst USING lance AS SELECT id, k * 2 AS k2 FROM src WHERE k > ?");
        assertNull(ctas.columnList);
        assertEquals("lance", ctas.format().getSimple());
        assertInstanceOf(SqlSelect.class, ctas.query);

        SqlCreateQuiverTable with =
                (SqlCreateQuiverTable) parse("CREATE TABLE q AS WITH x AS (SELECT 1 AS a) SELECT a FROM x");
        assertEquals(SqlKind.WITH, with.query.getKind());

        SqlCreateExternalTable ext =
                (SqlCreateExternalTable) parse("CREATE EXTERNAL TABLE events USING LANCE LOCATION '/data/it''s.lance'");
        assertEquals("events", ext.name().getSimple());
        assertEquals("lance", ext.format().getSimple());
        assertEquals("/data/it's.lance", ext.location());

        SqlDropTable drop = (SqlDropTable) parse("DROP TABLE IF EXISTS images");
        assertEquals(SqlKind.DROP_TABLE, drop.getKind());
        assertTrue(drop.ifExists);
        assertEquals("images", drop.name.getSimple());
        assertFalse(((SqlDropTable) parse("DROP TABLE t")).ifExists);
    }

    @Test
    void showDescribeOptimize() {
        assertInstanceOf(SqlShowTables.class, parse("SHOW TABLES"));
        assertEquals("t", ((SqlDescribeTable) parse("DESCRIBE t")).getTable().getSimple());
        assertEquals("t", ((SqlDescribeTable) parse("DESC t")).getTable().getSimple());
        assertEquals("m", ((SqlDescribeTable) parse("DESCRIBE m")).getTable().getSimple());
        assertEquals(
                "m", ((SqlDescribeTable) parse("DESCRIBE TABLE m")).getTable().getSimple());
        assertEquals(
                "Q", ((SqlDescribeTable) parse("describe \"Q\"")).getTable().getSimple());
        assertEquals("t", ((SqlOptimizeTable) parse("OPTIMIZE t")).table().getSimple());
        assertEquals(
                "t", ((SqlOptimizeTable) parse("OPTIMIZE TABLE t;")).table().getSimple());
    }

    @Test
    void alterTable() {
        SqlAddVectorIndex full =
                (SqlAddVectorIndex) parse("ALTER TABLE images ADD VECTOR INDEX emb_idx ON embedding USING HNSW"
                        + " WITH (metric = 'l2', m = 16, ef_construction = 100, threads = 2)");
        assertEquals(SqlKind.CREATE_INDEX, full.getKind());
        assertEquals("images", full.table().getSimple());
        assertEquals("emb_idx", full.name().getSimple());
        assertEquals("embedding", full.column().getSimple());
        assertEquals("hnsw", full.method().getSimple());
        assertEquals(
                Map.of("metric", "l2", "m", "16", "ef_construction", "100", "threads", "2"), options(full.options()));

        SqlAddVectorIndex bare = (SqlAddVectorIndex) parse("ALTER TABLE images ADD VECTOR INDEX ON embedding");
        assertNull(bare.name());
        assertNull(bare.method());
        assertTrue(bare.options().isEmpty());

        SqlDropIndex dropIndex = (SqlDropIndex) parse("ALTER TABLE t DROP INDEX v_idx");
        assertEquals(SqlKind.DROP_INDEX, dropIndex.getKind());
        assertEquals("v_idx", dropIndex.name().getSimple());

        SqlAddColumn add = (SqlAddColumn) parse("ALTER TABLE t ADD COLUMN w INTEGER NOT NULL");
        assertEquals("w", add.column().name.getSimple());
        assertEquals(Boolean.FALSE, add.column().dataType.getNullable());
        assertNull(add.key());
        SqlAddColumn addVector = (SqlAddColumn) parse("ALTER TABLE t ADD v2 VECTOR(3)");
        assertEquals(3, ((SqlVectorTypeNameSpec) addVector.column().dataType.getTypeNameSpec()).dimension());
        SqlAddColumn vectorNamed = (SqlAddColumn) parse("ALTER TABLE t ADD vector INTEGER");
        assertEquals("vector", vectorNamed.column().name.getSimple(), "VECTOR is not reserved");

        assertEquals(
                "note",
                ((SqlDropColumn) parse("ALTER TABLE t DROP COLUMN note"))
                        .column()
                        .getSimple());
        assertEquals(
                "x", ((SqlDropColumn) parse("ALTER TABLE t DROP x")).column().getSimple());
        assertEquals(
                "index",
                ((SqlDropColumn) parse("ALTER TABLE t DROP index")).column().getSimple());
    }

    @Test
    void copy() {
        SqlCopyFrom from = (SqlCopyFrom) parse("COPY t FROM '/tmp/a.csv' (FORMAT csv, HEADER true, DELIMITER ';')");
        assertEquals("t", from.table().getSimple());
        assertEquals("/tmp/a.csv", from.file());
        assertEquals(Map.of("format", "csv", "header", "true", "delimiter", ";"), options(from.options()));
        assertEquals(
                Map.of("format", "json"),
                options(((SqlCopyFrom) parse("COPY t FROM 'x' WITH (FORMAT = json)")).options()));
        assertTrue(((SqlCopyFrom) parse("COPY t FROM 'x.arrow'")).options().isEmpty());

        SqlCopyTo query = (SqlCopyTo) parse("COPY (SELECT id FROM t WHERE id > ?) TO '/tmp/out.json' (FORMAT json)");
        assertInstanceOf(SqlSelect.class, query.source());
        assertEquals("/tmp/out.json", query.file());
        SqlCopyTo table = (SqlCopyTo) parse("COPY images TO '/tmp/images.lance' (FORMAT lance)");
        assertEquals("images", ((SqlIdentifier) table.source()).getSimple());
        assertEquals(Map.of("format", "lance"), options(table.options()));
    }

    @Test
    void insertUpsertAndOnConflict() {
        SqlInsert insert = (SqlInsert) parse("INSERT INTO t (id, s) VALUES (1, 'a'), (?, ?)");
        assertFalse(insert.isUpsert());
        assertTrue(((SqlInsert) parse("UPSERT INTO t VALUES (1, 'a')")).isUpsert());
        assertInstanceOf(SqlInsert.class, parse("INSERT INTO t SELECT * FROM a JOIN b ON a.id = b.id"));

        SqlInsertOnConflict nothing =
                (SqlInsertOnConflict) parse("INSERT INTO t VALUES (1, 9) ON CONFLICT (id) DO NOTHING");
        assertTrue(nothing.doNothing());
        assertEquals(List.of("id"), names(nothing.keys()));
        assertEquals("t", ((SqlIdentifier) nothing.insert().getTargetTable()).getSimple());

        SqlInsertOnConflict update = (SqlInsertOnConflict)
                parse(
                        "INSERT INTO t (id, s, v) SELECT id, s, v FROM u ON CONFLICT DO UPDATE SET s = EXCLUDED.s, v = excluded.v");
        assertFalse(update.doNothing());
        assertNull(update.keys());
        assertEquals(List.of("s", "v"), names(update.targets()));
        assertEquals(List.of("excluded", "s"), ((SqlIdentifier) update.sources().get(0)).names);
        assertEquals(List.of("excluded", "v"), ((SqlIdentifier) update.sources().get(1)).names);
    }

    @Test
    void timeTravelIsASnapshotWithAVersionNumber() {
        for (String words : List.of("FOR SYSTEM_VERSION AS OF", "FOR VERSION AS OF", "for system_version as of")) {
            SqlSelect select = (SqlSelect) parse("SELECT * FROM m " + words + " 3 WHERE id > 0");
            SqlSnapshot snapshot = (SqlSnapshot) select.getFrom();
            assertEquals("m", ((SqlIdentifier) snapshot.getTableRef()).getSimple());
            assertEquals(3, ((SqlLiteral) snapshot.getPeriod()).intValue(true));
        }
        SqlSelect aliased = (SqlSelect) parse("SELECT count(*) FROM m FOR VERSION AS OF 2 AS h WHERE h.id > 0");
        assertEquals(SqlKind.AS, aliased.getFrom().getKind());
        assertInstanceOf(SqlSnapshot.class, ((SqlCall) aliased.getFrom()).operand(0));
        SqlSelect joined =
                (SqlSelect) parse("SELECT n.id, o.s FROM t n JOIN t FOR SYSTEM_VERSION AS OF 1 o ON n.id = o.id");
        assertEquals(2, countSnapshots(joined) + 1, "one snapshot in the join");
        SqlSelect timestamp =
                (SqlSelect) parse("SELECT * FROM t FOR SYSTEM_TIME AS OF TIMESTAMP '2026-01-01 00:00:00'");
        assertEquals(
                SqlKind.LITERAL, ((SqlSnapshot) timestamp.getFrom()).getPeriod().getKind());
        assertEquals(
                "version",
                ((SqlIdentifier) ((SqlSelect) parse("SELECT version FROM t"))
                                .getSelectList()
                                .get(0))
                        .getSimple(),
                "VERSION still names a column");
    }

    private static int countSnapshots(SqlNode node) {
        int[] count = {0};
        node.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlCall call) {
                if (call instanceof SqlSnapshot) {
                    count[0]++;
                }
                return super.visit(call);
            }
        });
        return count[0];
    }

    @Test
    void explainAndQueries() {
        SqlExplain explain = (SqlExplain) parse("EXPLAIN SELECT id FROM images WHERE id = 1");
        assertInstanceOf(SqlSelect.class, explain.getExplicandum());
        SqlExplain calcite = (SqlExplain) parse("EXPLAIN PLAN FOR SELECT 1");
        assertEquals(SqlKind.SELECT, calcite.getExplicandum().getKind());
        assertInstanceOf(SqlExplain.class, parse("EXPLAIN PLAN WITHOUT IMPLEMENTATION FOR SELECT 1"));
        assertInstanceOf(SqlExplain.class, parse("EXPLAIN WITH x AS (SELECT 1 AS a) SELECT a FROM x"));
        assertInstanceOf(SqlExplain.class, parse("EXPLAIN INSERT INTO t VALUES (1)"));
        assertEquals(SqlKind.UPDATE, parse("UPDATE t SET s = 'z' WHERE id = ?").getKind());
        assertEquals(SqlKind.DELETE, parse("DELETE FROM t WHERE id IN (1, 2)").getKind());
        assertEquals(
                SqlKind.MERGE,
                parse("MERGE INTO t USING u ON t.id = u.id WHEN MATCHED THEN UPDATE SET s = u.s")
                        .getKind());
        assertEquals(SqlKind.VALUES, parse("VALUES (1, 'a')").getKind());
        assertEquals(
                SqlKind.ORDER_BY,
                parse("SELECT id FROM t ORDER BY l2_distance(v, ?) LIMIT 10").getKind());
        assertInstanceOf(SqlSelect.class, parse("SELECT * FROM TABLE(table_version('t', 3))"));
    }

    /** Every SQL statement in README.md's SQL and Lance sections, code blocks and Java strings. */
    @Test
    void readmeStatements() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int sql = readme.indexOf("\n## SQL\n");
        int trino = readme.indexOf("\n## Trino\n");
        assertTrue(sql > 0 && trino > sql, "README sections moved");
        String sections = readme.substring(sql, trino);
        Matcher blocks = Pattern.compile("```sql\n(.*?)```", Pattern.DOTALL).matcher(sections);
        int statements = 0;
        while (blocks.find()) {
            SqlNodeList list;
            try {
                list = SqlParser.create(blocks.group(1), QuiverSqlParser.CONFIG).parseStmtList();
            } catch (SqlParseException e) {
                throw new AssertionError(blocks.group(1) + ": " + e.getMessage(), e);
            }
            for (SqlNode statement : list) {
                parse(statement.toSqlString(CalciteSqlDialect.DEFAULT).getSql());
                statements++;
            }
        }
        Matcher strings = Pattern.compile("\"((?:SELECT|INSERT)[^\"]*)\"").matcher(sections);
        while (strings.find()) {
            parse(strings.group(1));
            statements++;
        }
        assertTrue(statements >= 16, "found " + statements + " statements");
    }

    /** Where a statement stops too early, the error points at its last character (Calcite's rule). */
    record Where(String sql, int line, int column) {}

    @Test
    void syntaxErrorsSayWhere() {
        for (Where w : List.of(
                new Where("SELECT * FROM t WHERE", 1, 21),
                new Where("SELECT *\nFROM t\nWHERE id = = 1", 3, 10),
                new Where("CREATE TABLE u (id BIGINT,)", 1, 27),
                new Where("CREATE TABLE u\n  (id VECTOR(x))", 2, 14),
                new Where("CREATE TABLE u ()", 1, 17),
                new Where("ALTER TABLE t ADD VECTOR INDEX", 1, 30),
                new Where("INSERT INTO t VALUES (1) ON CONFLICT DO SOMETHING", 1, 41),
                new Where("COPY t TO", 1, 9),
                new Where("SELECT * FROM m FOR SYSTEM_VERSION AS OF", 1, 40),
                new Where("SHOW", 1, 1),
                new Where("SELEC * FROM t", 1, 1),
                new Where("SELECT 1; SELECT 2", 1, 11),
                new Where("SELECT 'unterminated FROM t", 1, 8))) {
            SqlParseException e = syntaxError(w.sql());
            assertNotNull(e.getPos(), w.sql());
            assertEquals(
                    w.line() + ":" + w.column(),
                    e.getPos().getLineNum() + ":" + e.getPos().getColumnNum(),
                    w.sql() + ": " + e.getMessage());
        }
    }

    @Test
    void deepNestingIsAParseErrorWithAPosition() {
        String parens = "SELECT " + "(".repeat(5_000) + "1" + ")".repeat(5_000);
        String nots = "SELECT * FROM t WHERE " + "NOT ".repeat(3_000) + "x = 1";
        String calls = "SELECT " + "abs(".repeat(5_000) + "1" + ")".repeat(5_000);
        String queries = "SELECT * FROM " + "(SELECT * FROM ".repeat(3_000) + "t" + ")".repeat(3_000);
        int failed = 0;
        for (String sql : List.of(parens, nots, calls, queries)) {
            try {
                QuiverSqlParser.parse(sql);
            } catch (SqlParseException e) {
                failed++;
                assertNotNull(e.getPos(), e.getMessage());
                assertTrue(e.getPos().getLineNum() >= 1 && e.getPos().getColumnNum() > 1, e.getMessage());
            }
        }
        assertTrue(failed > 0, "5,000 parentheses fit the stack: make the statements deeper");
        // The parser is usable again afterwards, on the same thread.
        assertInstanceOf(SqlSelect.class, parse("SELECT ((((1))))"));
    }

    private static final List<String> TYPES = List.of(
            "BOOLEAN",
            "TINYINT",
            "SMALLINT",
            "INTEGER",
            "INT",
            "BIGINT",
            "REAL",
            "DOUBLE",
            "DECIMAL(12, 3)",
            "DATE",
            "TIMESTAMP",
            "VARCHAR",
            "VARCHAR(20)",
            "VARBINARY",
            "BLOB",
            "VECTOR(7)");

    /** Random CREATE TABLE statements, in random case and spacing, parse to what was written. */
    @Test
    void randomCreateTables(Random random) {
        for (int n = 0; n < 200; n++) {
            int columns = 1 + random.nextInt(6);
            List<String> names = new ArrayList<>();
            StringBuilder sql = new StringBuilder("CREATE TABLE t").append(n).append(" (");
            int key = random.nextInt(columns + 1) - 1;
            boolean[] notNull = new boolean[columns];
            for (int i = 0; i < columns; i++) {
                String name = random.nextBoolean() ? "c" + i : "\"C " + i + "\"";
                names.add(name.startsWith("\"") ? "C " + i : "c" + i);
                notNull[i] = random.nextBoolean();
                sql.append(i == 0 ? "" : ",").append(space(random)).append(name).append(' ');
                sql.append(TYPES.get(random.nextInt(TYPES.size())));
                if (notNull[i]) {
                    sql.append(" NOT NULL");
                }
                if (i == key) {
                    sql.append(" PRIMARY KEY");
                }
            }
            sql.append(')');
            if (random.nextBoolean()) {
                sql.append(" USING quiver");
            }
            if (random.nextBoolean()) {
                sql.append(" WITH (buckets = ").append(1 + random.nextInt(100)).append(')');
            }
            String text = randomCase(sql.toString(), random);
            SqlCreateQuiverTable c = (SqlCreateQuiverTable) parse(text);
            List<String> declared = new ArrayList<>();
            int constraints = 0;
            for (SqlNode e : c.columnList) {
                if (e instanceof SqlColumnDeclaration d) {
                    int i = declared.size();
                    declared.add(d.name.getSimple());
                    assertEquals(notNull[i] || i == key, Boolean.FALSE.equals(d.dataType.getNullable()), text);
                } else {
                    constraints++;
                }
            }
            assertEquals(names, declared, text);
            assertEquals(key >= 0 ? 1 : 0, constraints, text);
        }
    }

    /** Mangled statements (a word dropped, doubled or swapped) parse or fail with a position, nothing else. */
    @Test
    void mangledStatementsFailCleanly(Random random) {
        List<String> seeds = List.of(
                "CREATE TABLE t (id BIGINT PRIMARY KEY, v VECTOR(3), b BLOB) USING QUIVER WITH (buckets = 4)",
                "ALTER TABLE t ADD VECTOR INDEX i ON v USING HNSW WITH (metric = 'l2', m = 16)",
                "INSERT INTO t VALUES (1, ARRAY[1, 2, 3]) ON CONFLICT (id) DO UPDATE SET v = EXCLUDED.v",
                "COPY (SELECT * FROM t FOR SYSTEM_VERSION AS OF 2) TO 'f.csv' (FORMAT csv, HEADER true)",
                "SELECT id FROM t WHERE s LIKE ? ORDER BY l2_distance(v, ?) LIMIT 10");
        for (int n = 0; n < 500; n++) {
            List<String> words = new ArrayList<>(
                    List.of(seeds.get(random.nextInt(seeds.size())).split(" ")));
            int at = random.nextInt(words.size());
            switch (random.nextInt(3)) {
                case 0 -> words.remove(at);
                case 1 -> words.add(at, words.get(at));
                default -> words.set(at, words.get(random.nextInt(words.size())));
            }
            String sql = String.join(" ", words);
            try {
                QuiverSqlParser.parse(sql);
            } catch (SqlParseException e) {
                assertNotNull(e.getPos(), sql + ": " + e.getMessage());
            }
        }
    }

    private static String space(Random random) {
        return List.of(" ", "", "\n  ", "\t", " /* c */ ").get(random.nextInt(5));
    }

    /** Keywords and unquoted names in random case; quoted names and literals as written. */
    private static String randomCase(String sql, Random random) {
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        for (char ch : sql.toCharArray()) {
            if (ch == '"' || ch == '\'') {
                quoted = !quoted;
            }
            out.append(quoted ? ch : random.nextBoolean() ? ch : flip(ch));
        }
        return out.toString();
    }

    private static char flip(char ch) {
        String s = String.valueOf(ch);
        return (Character.isUpperCase(ch) ? s.toLowerCase(Locale.ROOT) : s.toUpperCase(Locale.ROOT)).charAt(0);
    }
}
