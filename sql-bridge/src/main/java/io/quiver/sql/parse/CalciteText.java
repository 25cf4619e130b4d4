package io.quiver.sql.parse;

import io.quiver.sql.parse.QuiverStatement.Insert;
import io.quiver.sql.parse.QuiverStatement.OnConflict;
import io.quiver.sql.parse.Token.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites standard statements into text Calcite's parser accepts. Time travel: {@code t FOR
 * SYSTEM_VERSION AS OF 3} (or {@code FOR VERSION AS OF 3}) becomes {@code TABLE(table_version('t',
 * 3)) AS t}, version 3 of t. Upserts: {@code INSERT ... ON CONFLICT} is
 * taken apart into the INSERT and the conflict action.
 */
public final class CalciteText {
    /** The table macro that reads a table at a version (io.quiver.sql.schema.TableMacros). */
    static final String VERSION_MACRO = "table_version";

    private CalciteText() {}

    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String rewrite(String sql, List<Token> tokens) throws SqlSyntaxException {
        StringBuilder out = new StringBuilder();
        int copied = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (isVectorParameter(tokens, i)) {
                Token p = tokens.get(i);
                out.append(sql, copied, p.start()).append("CAST(? AS REAL ARRAY)");
                copied = p.end();
                continue;
            }
            Token name = tokens.get(i);
            int at = i + 1;
            if (i + 5 >= tokens.size()
                    || !name.isIdentifier()
                    || !tokens.get(at).is("for")) {
                continue;
            }
            if (!tokens.get(at + 1).is("system_version") && !tokens.get(at + 1).is("version")) {
                continue;
            }
            if (!tokens.get(at + 2).is("as") || !tokens.get(at + 3).is("of")) {
                continue;
            }
            Token version = tokens.get(at + 4);
            if (version.kind() != Kind.NUMBER || !version.text().chars().allMatch(Character::isDigit)) {
                throw new SqlSyntaxException(
                        "expected a version number after AS OF, found " + version.describe(),
                        version.line(),
                        version.column());
            }
            out.append(sql, copied, name.start());
            out.append("TABLE(")
                    .append(VERSION_MACRO)
                    .append("('")
                    .append(name.value().replace("'", "''"));
            out.append("', ").append(Long.parseLong(version.text())).append("))");
            Token after = tokens.get(at + 5);
            if (!after.is("as") && !(after.isIdentifier() && !isClauseWord(after))) {
                out.append(" AS ").append(quote(name.value()));
            }
            copied = version.end();
            i = at + 4;
        }
        out.append(sql, copied, sql.length());
        String text = out.toString().strip();
        return text.endsWith(";") ? text.substring(0, text.length() - 1).strip() : text;
    }

    /**
     * Whether token i is a {@code ?} standing alone as an argument of a distance function: Calcite
     * cannot infer a parameter's type from a user function's signature, so it is cast to the
     * vector type there.
     */
    private static boolean isVectorParameter(List<Token> tokens, int i) {
        if (tokens.get(i).kind() != Kind.PARAMETER || i < 2) {
            return false;
        }
        Token before = tokens.get(i - 1);
        Token after = tokens.get(i + 1);
        if (!(before.isSymbol("(") || before.isSymbol(",")) || !(after.isSymbol(")") || after.isSymbol(","))) {
            return false;
        }
        int depth = 0;
        for (int j = i - 1; j >= 1; j--) {
            Token t = tokens.get(j);
            if (t.isSymbol(")")) {
                depth++;
            } else if (t.isSymbol("(")) {
                if (depth == 0) {
                    Token function = tokens.get(j - 1);
                    return function.kind() == Kind.WORD && DISTANCE_FUNCTIONS.contains(function.value());
                }
                depth--;
            }
        }
        return false;
    }

    private static final java.util.Set<String> DISTANCE_FUNCTIONS = java.util.Set.of(
            "l2_distance", "euclidean_distance", "cosine_distance", "cosine_similarity", "dot_product");

    /** Words that can follow a table reference and are not an alias. */
    private static boolean isClauseWord(Token t) {
        return java.util.Set.of(
                        "where",
                        "group",
                        "order",
                        "limit",
                        "join",
                        "left",
                        "right",
                        "inner",
                        "full",
                        "cross",
                        "on",
                        "union",
                        "having",
                        "offset",
                        "fetch",
                        "natural",
                        "using",
                        "except",
                        "intersect",
                        "window",
                        "minus")
                .contains(t.value());
    }

    /** Splits {@code INSERT ... [ON CONFLICT [(keys)] DO NOTHING | DO UPDATE SET c = EXCLUDED.c, ...]}. */
    static Insert insert(String sql, List<Token> tokens) throws SqlSyntaxException {
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            depth += t.isSymbol("(") ? 1 : t.isSymbol(")") ? -1 : 0;
            if (depth == 0 && t.is("on") && tokens.get(i + 1).is("conflict")) {
                String insert = sql.substring(0, t.start());
                TokenCursor in = new TokenCursor(sql, tokens.subList(i + 2, tokens.size()));
                OnConflict action = onConflict(in);
                in.expectEnd();
                return new Insert(rewrite(insert, Tokenizer.tokenize(insert)), action);
            }
        }
        return new Insert(rewrite(sql, tokens), null);
    }

    private static OnConflict onConflict(TokenCursor in) throws SqlSyntaxException {
        List<String> keys = new ArrayList<>();
        if (in.acceptSymbol("(")) {
            do {
                keys.add(in.identifier("a key column"));
            } while (in.acceptSymbol(","));
            in.expectSymbol(")");
        }
        in.expect("do");
        if (in.accept("nothing")) {
            return new OnConflict(keys, null);
        }
        in.expect("update");
        in.expect("set");
        Map<String, String> set = new LinkedHashMap<>();
        do {
            String target = in.identifier("a column name");
            in.expectSymbol("=");
            in.expect("excluded");
            in.expectSymbol(".");
            String source = in.identifier("a column of EXCLUDED");
            if (set.put(target, source) != null) {
                throw in.error("column " + target + " set twice");
            }
        } while (in.acceptSymbol(","));
        return new OnConflict(keys, set);
    }
}
