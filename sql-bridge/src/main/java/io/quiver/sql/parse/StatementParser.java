package io.quiver.sql.parse;

import io.quiver.sql.parse.QuiverStatement.AddColumn;
import io.quiver.sql.parse.QuiverStatement.AddVectorIndex;
import io.quiver.sql.parse.QuiverStatement.CopyFrom;
import io.quiver.sql.parse.QuiverStatement.CopyTo;
import io.quiver.sql.parse.QuiverStatement.CreateExternalTable;
import io.quiver.sql.parse.QuiverStatement.CreateTable;
import io.quiver.sql.parse.QuiverStatement.Describe;
import io.quiver.sql.parse.QuiverStatement.DropColumn;
import io.quiver.sql.parse.QuiverStatement.DropIndex;
import io.quiver.sql.parse.QuiverStatement.DropTable;
import io.quiver.sql.parse.QuiverStatement.Insert;
import io.quiver.sql.parse.QuiverStatement.OnConflict;
import io.quiver.sql.parse.QuiverStatement.Optimize;
import io.quiver.sql.parse.QuiverStatement.ShowTables;
import io.quiver.sql.parse.QuiverStatement.Standard;
import io.quiver.sql.parser.InvalidLiteralException;
import io.quiver.sql.parser.QuiverSqlParser;
import io.quiver.sql.parser.SqlAddColumn;
import io.quiver.sql.parser.SqlAddVectorIndex;
import io.quiver.sql.parser.SqlBlobTypeNameSpec;
import io.quiver.sql.parser.SqlCopyFrom;
import io.quiver.sql.parser.SqlCopyTo;
import io.quiver.sql.parser.SqlCreateExternalTable;
import io.quiver.sql.parser.SqlCreateQuiverTable;
import io.quiver.sql.parser.SqlDropColumn;
import io.quiver.sql.parser.SqlDropIndex;
import io.quiver.sql.parser.SqlInsertOnConflict;
import io.quiver.sql.parser.SqlOptimizeTable;
import io.quiver.sql.parser.SqlQuiverOption;
import io.quiver.sql.parser.SqlShowTables;
import io.quiver.sql.parser.SqlVectorTypeNameSpec;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDescribeTable;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.ddl.SqlColumnDeclaration;
import org.apache.calcite.sql.ddl.SqlDropTable;
import org.apache.calcite.sql.ddl.SqlKeyConstraint;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Parses a statement with Quiver's grammar ({@link QuiverSqlParser}) and classifies it on the
 * tree into the {@link QuiverStatement} the executors run. Standard statements go on to Calcite
 * as SQL text written from the tree after {@link CalciteText#text}.
 */
public final class StatementParser {
    private StatementParser() {}

    /** A statement classified, and how many {@code ?} parameters it has. */
    public record Parsed(QuiverStatement statement, int parameterCount) {}

    public static Parsed parse(String sql) throws SQLException {
        SqlNode node;
        try {
            node = QuiverSqlParser.parse(sql);
        } catch (SqlParseException e) {
            SQLDataException badLiteral = InvalidLiteralException.asDataError(e);
            throw badLiteral != null ? badLiteral : syntaxError(e, sql);
        }
        return new Parsed(classify(node), parameterCount(node));
    }

    private static int parameterCount(SqlNode node) {
        int[] count = {0};
        node.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlDynamicParam param) {
                count[0]++;
                return param;
            }
        });
        return count[0];
    }

    /**
     * Calcite's message, with the word it stopped at and, when there are few, the words it expected;
     * the exception carries the line and column.
     */
    static SqlSyntaxException syntaxError(SqlParseException e, String sql) {
        SqlParserPos pos = e.getPos() == null ? new SqlParserPos(1, 1) : e.getPos();
        String message = e.getMessage() == null ? "syntax error" : e.getMessage();
        String first = message.lines().findFirst().orElse(message);
        int at = first.lastIndexOf(" at line ");
        StringBuilder what = new StringBuilder(at > 0 ? first.substring(0, at) : first);
        String word = wordAt(sql, pos);
        if (!word.isEmpty() && !first.contains("<EOF>") && !what.toString().contains("\"" + word)) {
            what.append(" near '").append(word).append('\'');
        }
        List<String> expected = new ArrayList<>();
        for (String token : e.getExpectedTokenNames()) {
            if (token.startsWith("\"") && token.endsWith("\"") && token.length() > 2) {
                expected.add(token.substring(1, token.length() - 1));
            }
        }
        if (!expected.isEmpty() && expected.size() == e.getExpectedTokenNames().size() && expected.size() <= 6) {
            what.append("; expected ");
            for (int i = 0; i < expected.size(); i++) {
                what.append(i == 0 ? "" : i == expected.size() - 1 ? " or " : ", ")
                        .append(expected.get(i));
            }
        }
        SqlSyntaxException error = new SqlSyntaxException(what.toString(), pos.getLineNum(), pos.getColumnNum());
        error.initCause(e);
        return error;
    }

    /** The letters, digits and underscores at a 1-based line and column of the text, for messages. */
    private static String wordAt(String sql, SqlParserPos pos) {
        List<String> lines = sql.lines().toList();
        if (pos.getLineNum() < 1 || pos.getLineNum() > lines.size()) {
            return "";
        }
        String line = lines.get(pos.getLineNum() - 1);
        int start = pos.getColumnNum() - 1;
        int end = start;
        while (end >= 0
                && end < line.length()
                && (Character.isLetterOrDigit(line.charAt(end)) || line.charAt(end) == '_')) {
            end++;
        }
        return start >= 0 && end > start ? line.substring(start, end) : "";
    }

    private static SqlSyntaxException error(SqlNode at, String message) {
        SqlParserPos pos = at.getParserPosition();
        return new SqlSyntaxException(message, pos.getLineNum(), pos.getColumnNum());
    }

    private static QuiverStatement classify(SqlNode node) throws SqlSyntaxException {
        return switch (node) {
            case SqlCreateQuiverTable c -> createTable(c);
            case SqlCreateExternalTable c ->
                new CreateExternalTable(
                        c.name().getSimple(), c.format().getSimple().toUpperCase(Locale.ROOT), c.location());
            case SqlDropTable d -> new DropTable(d.name.getSimple(), d.ifExists);
            case SqlShowTables s -> new ShowTables();
            case SqlDescribeTable d -> {
                if (d.getColumn() != null) {
                    throw error(d.getColumn(), "DESCRIBE takes a table name only");
                }
                yield new Describe(d.getTable().getSimple());
            }
            case SqlAddVectorIndex a ->
                new AddVectorIndex(
                        a.table().getSimple(),
                        a.name() == null ? null : a.name().getSimple(),
                        a.column().getSimple(),
                        a.method() == null ? "HNSW" : a.method().getSimple().toUpperCase(Locale.ROOT),
                        options(a.options()));
            case SqlDropIndex d -> new DropIndex(d.table().getSimple(), d.name().getSimple());
            case SqlAddColumn a -> new AddColumn(a.table().getSimple(), column(a.column(), a.key() != null));
            case SqlDropColumn d ->
                new DropColumn(d.table().getSimple(), d.column().getSimple());
            case SqlOptimizeTable o -> new Optimize(o.table().getSimple());
            case SqlCopyFrom c -> new CopyFrom(c.table().getSimple(), c.file(), options(c.options()));
            case SqlCopyTo c -> new CopyTo(copySource(c.source()), c.file(), options(c.options()));
            case SqlInsertOnConflict i -> new Insert(CalciteText.rewrite(i.insert()), onConflict(i));
            case SqlInsert i -> new Insert(CalciteText.rewrite(i), null);
            default -> {
                QuiverStatement modify = ModifyStatements.classify(node);
                yield modify != null ? modify : new Standard(CalciteText.text(node), node.getKind());
            }
        };
    }

    private static String copySource(SqlNode source) throws SqlSyntaxException {
        if (source instanceof SqlIdentifier table) {
            return "SELECT * FROM " + CalciteText.text(table);
        }
        return CalciteText.text(source);
    }

    private static CreateTable createTable(SqlCreateQuiverTable c) throws SqlSyntaxException {
        if (c.getReplace()) {
            throw error(c, "CREATE OR REPLACE TABLE is not supported");
        }
        String format = c.format() == null ? "QUIVER" : c.format().getSimple().toUpperCase(Locale.ROOT);
        Map<String, String> with = options(c.options());
        String name = c.name.getSimple();
        if (c.query != null) {
            if (c.columnList != null) {
                throw error(c.columnList, "CREATE TABLE ... AS takes its columns from the query; no column list");
            }
            return new CreateTable(name, c.ifNotExists, List.of(), List.of(), format, with, CalciteText.text(c.query));
        }
        if (c.columnList == null) {
            throw error(c.name, "expected a column list or AS <query> after the table name");
        }
        List<ColumnDef> columns = new ArrayList<>();
        List<String> key = List.of();
        SqlKeyConstraint tableKey = null;
        SqlColumnDeclaration previous = null;
        for (SqlNode element : c.columnList) {
            if (element instanceof SqlColumnDeclaration d) {
                columns.add(column(d, false));
                previous = d;
                continue;
            }
            SqlKeyConstraint k = (SqlKeyConstraint) element;
            List<String> names = names((SqlNodeList) k.getOperandList().get(1));
            boolean onColumn = previous != null
                    && names.equals(List.of(previous.name.getSimple()))
                    && k.getOperandList().get(1).getParserPosition().equals(previous.name.getParserPosition());
            if (onColumn) {
                columns.set(columns.size() - 1, column(previous, true));
            } else if (tableKey != null) {
                throw error(k, "only one PRIMARY KEY");
            } else {
                tableKey = k;
            }
            if (!key.isEmpty() && !key.equals(names)) {
                throw error(k, "the table has more than one PRIMARY KEY");
            }
            key = names;
        }
        return new CreateTable(name, c.ifNotExists, columns, key, format, with, null);
    }

    private static ColumnDef column(SqlColumnDeclaration d, boolean primaryKey) {
        SqlDataTypeSpec type = d.dataType;
        SqlTypeNameSpec spec = type.getTypeNameSpec();
        String typeName;
        List<Integer> args = new ArrayList<>();
        switch (spec) {
            case SqlVectorTypeNameSpec v -> {
                typeName = "VECTOR";
                args.add(v.dimension());
            }
            case SqlBlobTypeNameSpec b -> typeName = "BLOB";
            case SqlBasicTypeNameSpec basic -> {
                String n = basic.getTypeName().getSimple().toUpperCase(Locale.ROOT);
                typeName = n.equals(SqlTypeName.TIMESTAMP_TZ.getName()) ? "TIMESTAMP WITH TIME ZONE" : n;
                if (basic.getPrecision() >= 0) {
                    args.add(basic.getPrecision());
                    if (basic.getScale() >= 0) {
                        args.add(basic.getScale());
                    }
                }
            }
            default -> typeName = String.join(" ", spec.getTypeName().names).toUpperCase(Locale.ROOT);
        }
        boolean notNull = Boolean.FALSE.equals(type.getNullable());
        return new ColumnDef(d.name.getSimple(), typeName, args, notNull, primaryKey);
    }

    private static List<String> names(SqlNodeList identifiers) {
        List<String> names = new ArrayList<>();
        for (SqlNode n : identifiers) {
            names.add(((SqlIdentifier) n).getSimple());
        }
        return names;
    }

    /** Keys fold to lower case; values as written (words as the parser folded them). */
    private static Map<String, String> options(SqlNodeList list) throws SqlSyntaxException {
        Map<String, String> options = new LinkedHashMap<>();
        for (SqlNode node : list) {
            SqlQuiverOption option = (SqlQuiverOption) node;
            String key = option.keyName().toLowerCase(Locale.ROOT);
            if (options.put(key, option.valueText()) != null) {
                throw error(option, "option " + key + " given twice");
            }
        }
        return options;
    }

    /** DO UPDATE SET takes EXCLUDED.column for each target, each target once. */
    private static OnConflict onConflict(SqlInsertOnConflict i) throws SqlSyntaxException {
        List<String> keys = i.keys() == null ? List.of() : names(i.keys());
        if (i.doNothing()) {
            return new OnConflict(keys, null);
        }
        Map<String, String> set = new LinkedHashMap<>();
        for (int n = 0; n < i.targets().size(); n++) {
            SqlIdentifier target = (SqlIdentifier) i.targets().get(n);
            SqlNode source = i.sources().get(n);
            if (!(source instanceof SqlIdentifier s)
                    || s.names.size() != 2
                    || !s.names.getFirst().equalsIgnoreCase("excluded")) {
                throw error(source, "expected EXCLUDED.<column>");
            }
            if (set.put(target.getSimple(), s.names.get(1)) != null) {
                throw error(target, "column " + target.getSimple() + " set twice");
            }
        }
        return new OnConflict(keys, set);
    }
}
