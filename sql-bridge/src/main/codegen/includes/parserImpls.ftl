<#--
  Quiver's statements, column types and options, added to Calcite's grammar (Parser.jj). Each
  production builds a node of io.quiver.sql.parser (or a Calcite DDL node where one fits); meaning
  (which types exist, one primary key, option names) is checked on the tree, not here.
-->

boolean QuiverIfNotExists() :
{
}
{
    LOOKAHEAD(3) <IF> <NOT> <EXISTS> { return true; }
|
    { return false; }
}

boolean QuiverIfExists() :
{
}
{
    LOOKAHEAD(2) <IF> <EXISTS> { return true; }
|
    { return false; }
}

/** key [=] value, value a string, a number, TRUE, FALSE or a word. */
SqlQuiverOption QuiverOption() :
{
    final SqlIdentifier key;
    final SqlNode value;
}
{
    key = SimpleIdentifier()
    [ <EQ> ]
    (
        value = StringLiteral()
    |
        value = UnsignedNumericLiteral()
    |
        <TRUE> { value = SqlLiteral.createBoolean(true, getPos()); }
    |
        <FALSE> { value = SqlLiteral.createBoolean(false, getPos()); }
    |
        value = SimpleIdentifier()
    )
    {
        return new SqlQuiverOption(key.getParserPosition().plus(value.getParserPosition()), key, value);
    }
}

/** (key = value, ...) */
SqlNodeList QuiverOptionList() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
    SqlQuiverOption option;
}
{
    <LPAREN> { s = span(); }
    option = QuiverOption() { list.add(option); }
    (
        <COMMA> option = QuiverOption() { list.add(option); }
    )*
    <RPAREN>
    {
        return new SqlNodeList(list, s.end(this));
    }
}

/** VECTOR(n): n 32-bit floats. */
SqlTypeNameSpec QuiverVectorType() :
{
    final Span s;
    final int dimension;
}
{
    <VECTOR> { s = span(); }
    <LPAREN> dimension = UnsignedIntLiteral() <RPAREN>
    {
        return new SqlVectorTypeNameSpec(dimension, s.end(this));
    }
}

/** BLOB: large binary values stored out of line. */
SqlTypeNameSpec QuiverBlobType() :
{
}
{
    <BLOB> { return new SqlBlobTypeNameSpec(getPos()); }
}

/**
 * name type [NOT NULL | NULL | PRIMARY KEY]...: adds the column's declaration to the list and,
 * for PRIMARY KEY, the key constraint on it (a column constraint is the table constraint on
 * that one column, as in standard SQL). A key column is NOT NULL.
 */
void QuiverColumn(List<SqlNode> list) :
{
    final SqlIdentifier name;
    SqlDataTypeSpec type;
    boolean nullable = true;
    Span key = null;
}
{
    name = SimpleIdentifier()
    type = DataType()
    (
        <NOT> <NULL> { nullable = false; }
    |
        <NULL> { nullable = true; }
    |
        <PRIMARY> { key = span(); } <KEY> { nullable = false; }
    )*
    {
        type = type.withNullable(nullable);
        list.add(
            SqlDdlNodes.column(name.getParserPosition().plus(getPos()), name, type, null,
                nullable ? ColumnStrategy.NULLABLE : ColumnStrategy.NOT_NULLABLE));
        if (key != null) {
            list.add(
                SqlDdlNodes.primary(key.end(this), null,
                    new SqlNodeList(Collections.singletonList(name), name.getParserPosition())));
        }
    }
}

/** A column, or PRIMARY KEY (a, b) */
void QuiverTableElement(List<SqlNode> list) :
{
    final Span s;
    final SqlNodeList columns;
}
{
    <PRIMARY> { s = span(); } <KEY> columns = ParenthesizedSimpleIdentifierList()
    {
        list.add(SqlDdlNodes.primary(s.end(this), null, columns));
    }
|
    QuiverColumn(list)
}

SqlNodeList QuiverTableElementList() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
}
{
    <LPAREN> { s = span(); }
    QuiverTableElement(list)
    (
        <COMMA> QuiverTableElement(list)
    )*
    <RPAREN>
    {
        return new SqlNodeList(list, s.end(this));
    }
}

/**
 * CREATE TABLE [IF NOT EXISTS] t [(columns and keys)] [USING format] [WITH (options)]
 * [AS query]
 */
SqlCreate SqlCreateQuiverTable(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    SqlNodeList columns = null;
    SqlIdentifier format = null;
    SqlNodeList optionList = SqlNodeList.EMPTY;
    SqlNode query = null;
}
{
    <TABLE> ifNotExists = QuiverIfNotExists() name = SimpleIdentifier()
    [ columns = QuiverTableElementList() ]
    [ <USING> format = SimpleIdentifier() ]
    [ <WITH> optionList = QuiverOptionList() ]
    [ <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY) ]
    {
        return new SqlCreateQuiverTable(s.end(this), replace, ifNotExists, name, columns, format,
            optionList, query);
    }
}

/** CREATE EXTERNAL TABLE t USING format LOCATION 'where' */
SqlCreate SqlCreateExternalTable(Span s, boolean replace) :
{
    final SqlIdentifier name;
    final SqlIdentifier format;
    final SqlNode location;
}
{
    <EXTERNAL> <TABLE> name = SimpleIdentifier()
    <USING> format = SimpleIdentifier()
    <LOCATION> location = StringLiteral()
    {
        return new SqlCreateExternalTable(s.end(this), replace, name, format, location);
    }
}

/** DROP TABLE [IF EXISTS] t */
SqlDrop SqlDropQuiverTable(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier name;
}
{
    <TABLE> ifExists = QuiverIfExists() name = SimpleIdentifier()
    {
        return SqlDdlNodes.dropTable(s.end(this), ifExists, name);
    }
}

/** SHOW TABLES */
SqlNode SqlShowTables() :
{
    final Span s;
}
{
    <SHOW> { s = span(); } <TABLES>
    {
        return new SqlShowTables(s.end(this));
    }
}

/**
 * DESCRIBE [TABLE] t or DESC [TABLE] t. Calcite's own DESCRIBE takes a name only when it lexes as
 * an identifier, not a non-reserved keyword such as M.
 */
SqlNode SqlDescribeQuiverTable() :
{
    final Span s;
    final SqlIdentifier table;
}
{
    ( <DESC> | <DESCRIBE> ) { s = span(); } [ <TABLE> ] table = SimpleIdentifier()
    {
        return new SqlDescribeTable(s.end(this), table, null);
    }
}

/** OPTIMIZE [TABLE] t */
SqlNode SqlOptimizeTable() :
{
    final Span s;
    final SqlIdentifier table;
}
{
    <OPTIMIZE> { s = span(); } [ <TABLE> ] table = SimpleIdentifier()
    {
        return new SqlOptimizeTable(s.end(this), table);
    }
}

/**
 * ALTER TABLE t ADD VECTOR INDEX [name] ON column [USING method] [WITH (options)]
 * | ALTER TABLE t DROP INDEX name
 * | ALTER TABLE t ADD [COLUMN] column type ...
 * | ALTER TABLE t DROP [COLUMN] column
 */
SqlNode SqlAlterQuiverTable() :
{
    final Span s;
    final SqlIdentifier table;
    SqlIdentifier name = null;
    final SqlIdentifier column;
    SqlIdentifier method = null;
    SqlNodeList optionList = SqlNodeList.EMPTY;
    final List<SqlNode> declared = new ArrayList<SqlNode>();
}
{
    <ALTER> { s = span(); } <TABLE> table = SimpleIdentifier()
    (
        <ADD>
        (
            LOOKAHEAD(2)
            <VECTOR> <INDEX> [ name = SimpleIdentifier() ]
            <ON> column = SimpleIdentifier()
            [ <USING> method = SimpleIdentifier() ]
            [ <WITH> optionList = QuiverOptionList() ]
            {
                return new SqlAddVectorIndex(s.end(this), table, name, column, method, optionList);
            }
        |
            [ <COLUMN> ] QuiverColumn(declared)
            {
                return new SqlAddColumn(s.end(this), table, declared);
            }
        )
    |
        <DROP>
        (
            LOOKAHEAD(2)
            <INDEX> name = SimpleIdentifier()
            {
                return new SqlDropIndex(s.end(this), table, name);
            }
        |
            [ <COLUMN> ] column = SimpleIdentifier()
            {
                return new SqlDropColumn(s.end(this), table, column);
            }
        )
    )
}

/** [WITH] (options), or nothing */
SqlNodeList QuiverCopyOptions() :
{
    final SqlNodeList optionList;
}
{
    [ <WITH> ] optionList = QuiverOptionList() { return optionList; }
|
    { return SqlNodeList.EMPTY; }
}

/** COPY t FROM 'file' [options] | COPY t TO 'file' [options] | COPY (query) TO 'file' [options] */
SqlNode SqlCopy() :
{
    final Span s;
    final SqlNode query;
    final SqlIdentifier table;
    final SqlNode file;
    final SqlNodeList optionList;
}
{
    <COPY> { s = span(); }
    (
        <LPAREN> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY) <RPAREN>
        <TO> file = StringLiteral() optionList = QuiverCopyOptions()
        {
            return new SqlCopyTo(s.end(this), query, file, optionList);
        }
    |
        table = SimpleIdentifier()
        (
            <TO> file = StringLiteral() optionList = QuiverCopyOptions()
            {
                return new SqlCopyTo(s.end(this), table, file, optionList);
            }
        |
            <FROM> file = StringLiteral() optionList = QuiverCopyOptions()
            {
                return new SqlCopyFrom(s.end(this), table, file, optionList);
            }
        )
    )
}

/** target = expression, in ON CONFLICT ... DO UPDATE SET */
void QuiverAssignment(List<SqlNode> targets, List<SqlNode> sources) :
{
    final SqlIdentifier target;
    final SqlNode source;
}
{
    target = SimpleIdentifier() <EQ> source = Expression(ExprContext.ACCEPT_NON_QUERY)
    {
        targets.add(target);
        sources.add(source);
    }
}

/**
 * INSERT or UPSERT (Calcite's), then optionally
 * ON CONFLICT [(keys)] DO NOTHING | DO UPDATE SET c = EXCLUDED.c, ...
 */
SqlNode QuiverInsert() :
{
    final SqlNode insert;
    final Span s;
    SqlNodeList keys = null;
    final List<SqlNode> targets = new ArrayList<SqlNode>();
    final List<SqlNode> sources = new ArrayList<SqlNode>();
}
{
    insert = SqlInsert()
    (
        <ON> { s = span(); } <CONFLICT>
        [ keys = ParenthesizedSimpleIdentifierList() ]
        <DO>
        (
            <NOTHING>
            {
                return new SqlInsertOnConflict(s.end(this), (SqlInsert) insert, keys, null, null);
            }
        |
            <UPDATE> <SET> QuiverAssignment(targets, sources)
            (
                <COMMA> QuiverAssignment(targets, sources)
            )*
            {
                return new SqlInsertOnConflict(s.end(this), (SqlInsert) insert, keys,
                    new SqlNodeList(targets, s.pos()), new SqlNodeList(sources, s.pos()));
            }
        )
    |
        { return insert; }
    )
}

/**
 * EXPLAIN query (as PostgreSQL and Trino write it), or Calcite's
 * EXPLAIN PLAN [detail] [depth] [AS format] FOR query.
 */
SqlNode QuiverExplain() :
{
    final Span s;
    final SqlNode stmt;
    SqlExplainLevel detailLevel = SqlExplainLevel.EXPPLAN_ATTRIBUTES;
    SqlExplain.Depth depth = SqlExplain.Depth.PHYSICAL;
    SqlExplainFormat format = SqlExplainFormat.TEXT;
}
{
    <EXPLAIN> { s = span(); }
    [
        LOOKAHEAD(2)
        <PLAN>
        [ detailLevel = ExplainDetailLevel() ]
        depth = ExplainDepth()
        [
            LOOKAHEAD(2) <AS> <XML> { format = SqlExplainFormat.XML; }
        |
            LOOKAHEAD(2) <AS> <JSON> { format = SqlExplainFormat.JSON; }
        |
            <AS> <DOT_FORMAT> { format = SqlExplainFormat.DOT; }
        ]
        <FOR>
    ]
    stmt = SqlQueryOrDml()
    {
        return new SqlExplain(s.end(this), stmt, detailLevel.symbol(SqlParserPos.ZERO),
            depth.symbol(SqlParserPos.ZERO), format.symbol(SqlParserPos.ZERO), nDynamicParams);
    }
}
