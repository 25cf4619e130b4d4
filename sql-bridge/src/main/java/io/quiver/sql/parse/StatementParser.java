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
import io.quiver.sql.parse.QuiverStatement.Optimize;
import io.quiver.sql.parse.QuiverStatement.ShowTables;
import io.quiver.sql.parse.QuiverStatement.Standard;
import io.quiver.sql.parse.Token.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The front end: recognizes Quiver's own statements (no stock Calcite parser accepts VECTOR(n),
 * BLOB, column PRIMARY KEY, USING or index DDL) by recursive descent, and passes standard SQL on
 * to Calcite as text after the rewrites of {@link CalciteText}.
 */
public final class StatementParser {
    private StatementParser() {}

    public static QuiverStatement parse(String sql) throws SqlSyntaxException {
        List<Token> tokens = Tokenizer.tokenize(sql);
        TokenCursor in = new TokenCursor(sql, tokens);
        Token first = in.peek();
        if (first.kind() == Kind.END) {
            throw in.error("expected a statement");
        }
        QuiverStatement statement;
        if (in.accept("create")) {
            statement = create(in);
        } else if (in.accept("drop")) {
            in.expect("table");
            boolean ifExists = ifExists(in);
            statement = new DropTable(in.identifier("a table name"), ifExists);
        } else if (first.is("show")) {
            in.next();
            in.expect("tables");
            statement = new ShowTables();
        } else if (in.accept("describe") || in.accept("desc")) {
            statement = new Describe(in.identifier("a table name"));
        } else if (in.accept("alter")) {
            statement = alter(in);
        } else if (in.accept("optimize")) {
            in.accept("table");
            statement = new Optimize(in.identifier("a table name"));
        } else if (in.accept("copy")) {
            return copy(sql, in);
        } else if (first.is("explain") && !in.peek(1).is("plan")) {
            // EXPLAIN <query> as in PostgreSQL and Trino; Calcite spells it EXPLAIN PLAN FOR.
            in.next();
            String query = in.rest();
            return new Standard("EXPLAIN PLAN FOR " + CalciteText.rewrite(query, Tokenizer.tokenize(query)));
        } else if (first.is("insert") || first.is("upsert")) {
            return CalciteText.insert(sql, tokens);
        } else {
            return new Standard(CalciteText.rewrite(sql, tokens));
        }
        in.expectEnd();
        return statement;
    }

    private static boolean ifExists(TokenCursor in) throws SqlSyntaxException {
        if (in.accept("if")) {
            in.expect("exists");
            return true;
        }
        return false;
    }

    private static QuiverStatement create(TokenCursor in) throws SqlSyntaxException {
        if (in.accept("external")) {
            in.expect("table");
            String name = in.identifier("a table name");
            in.expect("using");
            String format = in.identifier("a table format").toUpperCase(Locale.ROOT);
            in.expect("location");
            String location = in.string("the dataset's location");
            in.expectEnd();
            return new CreateExternalTable(name, format, location);
        }
        in.expect("table");
        boolean ifNotExists = false;
        if (in.accept("if")) {
            in.expect("not");
            in.expect("exists");
            ifNotExists = true;
        }
        String name = in.identifier("a table name");
        List<ColumnDef> columns = new ArrayList<>();
        List<String> key = new ArrayList<>();
        if (in.acceptSymbol("(")) {
            do {
                if (in.peek().is("primary") && in.peek(1).is("key")) {
                    in.next();
                    in.next();
                    if (!key.isEmpty()) {
                        throw in.error("only one PRIMARY KEY");
                    }
                    key.addAll(identifierList(in, "a key column"));
                } else {
                    columns.add(columnDef(in));
                }
            } while (in.acceptSymbol(","));
            in.expectSymbol(")");
        }
        String format = in.accept("using") ? in.identifier("a table format").toUpperCase(Locale.ROOT) : "QUIVER";
        Map<String, String> with = in.accept("with") ? options(in) : Map.of();
        String asQuery = null;
        if (in.accept("as")) {
            if (!columns.isEmpty()) {
                throw in.error("CREATE TABLE ... AS takes its columns from the query; no column list");
            }
            asQuery = CalciteText.rewrite(in.rest(), Tokenizer.tokenize(in.rest()));
            in.skipToEnd();
            return new CreateTable(name, ifNotExists, columns, key, format, with, asQuery);
        }
        if (columns.isEmpty()) {
            throw in.error("expected a column list or AS <query>");
        }
        for (ColumnDef c : columns) {
            if (c.primaryKey()) {
                if (!key.isEmpty() && !key.equals(List.of(c.name()))) {
                    throw new SqlSyntaxException(
                            "the table has more than one PRIMARY KEY", c.at().line(), c.at().column());
                }
                key = List.of(c.name());
            }
        }
        in.expectEnd();
        return new CreateTable(name, ifNotExists, columns, key, format, with, null);
    }

    private static ColumnDef columnDef(TokenCursor in) throws SqlSyntaxException {
        Token at = in.peek();
        String name = in.identifier("a column name");
        if (!in.peek().isIdentifier()) {
            throw in.error("expected the type of column " + name);
        }
        String type = in.next().value().toUpperCase(Locale.ROOT);
        if (type.equals("DOUBLE")) {
            in.accept("precision");
        }
        List<Integer> args = new ArrayList<>();
        if (in.acceptSymbol("(")) {
            do {
                args.add(in.integer("a type argument"));
            } while (in.acceptSymbol(","));
            in.expectSymbol(")");
        }
        if (type.equals("TIMESTAMP") && in.peek().is("with")) {
            in.next();
            in.expect("time");
            in.expect("zone");
            type = "TIMESTAMP WITH TIME ZONE";
        }
        boolean notNull = false;
        boolean primaryKey = false;
        while (true) {
            if (in.accept("not")) {
                in.expect("null");
                notNull = true;
            } else if (in.accept("null")) {
                notNull = false;
            } else if (in.accept("primary")) {
                in.expect("key");
                primaryKey = true;
                notNull = true;
            } else {
                break;
            }
        }
        return new ColumnDef(name, type, args, notNull, primaryKey, at);
    }

    private static List<String> identifierList(TokenCursor in, String what) throws SqlSyntaxException {
        List<String> names = new ArrayList<>();
        in.expectSymbol("(");
        do {
            names.add(in.identifier(what));
        } while (in.acceptSymbol(","));
        in.expectSymbol(")");
        return names;
    }

    /** {@code (key = value, ...)}: values are strings, numbers or words; keys fold to lower case. */
    static Map<String, String> options(TokenCursor in) throws SqlSyntaxException {
        Map<String, String> options = new LinkedHashMap<>();
        in.expectSymbol("(");
        do {
            String key = in.identifier("an option name");
            in.acceptSymbol("=");
            Token value = in.next();
            if (value.kind() != Kind.STRING && value.kind() != Kind.NUMBER && value.kind() != Kind.WORD) {
                throw new SqlSyntaxException(
                        "expected a value for option " + key + ", found " + value.describe(),
                        value.line(),
                        value.column());
            }
            if (options.put(key, value.value()) != null) {
                throw new SqlSyntaxException("option " + key + " given twice", value.line(), value.column());
            }
        } while (in.acceptSymbol(","));
        in.expectSymbol(")");
        return options;
    }

    private static QuiverStatement alter(TokenCursor in) throws SqlSyntaxException {
        in.expect("table");
        String table = in.identifier("a table name");
        QuiverStatement statement;
        if (in.accept("add")) {
            if (in.accept("vector")) {
                in.expect("index");
                String name = in.peek().is("on") ? null : in.identifier("an index name");
                in.expect("on");
                String column = in.identifier("a vector column");
                String method =
                        in.accept("using") ? in.identifier("an index method").toUpperCase(Locale.ROOT) : "HNSW";
                Map<String, String> with = in.accept("with") ? options(in) : Map.of();
                statement = new AddVectorIndex(table, name, column, method, with);
            } else {
                in.accept("column");
                statement = new AddColumn(table, columnDef(in));
            }
        } else if (in.accept("drop")) {
            if (in.accept("index")) {
                statement = new DropIndex(table, in.identifier("an index name"));
            } else {
                in.accept("column");
                statement = new DropColumn(table, in.identifier("a column name"));
            }
        } else {
            throw in.error("expected ADD or DROP");
        }
        in.expectEnd();
        return statement;
    }

    private static QuiverStatement copy(String sql, TokenCursor in) throws SqlSyntaxException {
        if (in.peek().isSymbol("(")) {
            int open = in.position();
            int depth = 0;
            do {
                Token t = in.next();
                if (t.kind() == Kind.END) {
                    throw in.error("expected ')' closing the query");
                }
                depth += t.isSymbol("(") ? 1 : t.isSymbol(")") ? -1 : 0;
            } while (depth > 0);
            String query = in.text(open + 1, in.position() - 1);
            in.expect("to");
            String file = in.string("a file name");
            Map<String, String> options = copyOptions(in);
            in.expectEnd();
            return new CopyTo(CalciteText.rewrite(query, Tokenizer.tokenize(query)), file, options);
        }
        String table = in.identifier("a table name or (query)");
        if (in.accept("to")) {
            String file = in.string("a file name");
            Map<String, String> options = copyOptions(in);
            in.expectEnd();
            return new CopyTo("SELECT * FROM " + CalciteText.quote(table), file, options);
        }
        in.expect("from");
        String file = in.string("a file name");
        Map<String, String> options = copyOptions(in);
        in.expectEnd();
        return new CopyFrom(table, file, options);
    }

    /** {@code [WITH] (FORMAT csv, HEADER true, ...)}; the format defaults to the file's extension. */
    private static Map<String, String> copyOptions(TokenCursor in) throws SqlSyntaxException {
        in.accept("with");
        return in.peek().isSymbol("(") ? options(in) : Map.of();
    }
}
