package io.quiver.sql.plan;

import java.lang.reflect.Type;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlExplainFormat;
import org.apache.calcite.sql.SqlExplainLevel;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlConformance;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlDelegatingConformance;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.RelRunner;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Calcite's statement preparation with Quiver's dialect: the connection properties choose
 * everything Calcite lets them choose (casing, quoting, the {@link QuiverTypeSystem}), and this
 * class adds what no property can, a conformance that is LENIENT (ORDER BY and GROUP BY an
 * alias, LIMIT, {@code !=}) and yet checks exact arithmetic: {@code INTEGER + 1} past the type's
 * range raises SQLSTATE 22003 instead of wrapping around. Calcite's conformance property only
 * takes its own enum, and the only members with checked arithmetic (BigQuery, SQL Server) change
 * much else. String functions count code points ({@link QuiverConvertlets}), strings order
 * by code point ({@link CodePointOrder}), and BLOB columns are VARBINARYs read lazily ({@link
 * BlobReads}). TIMESTAMP values are microseconds all through a plan ({@link TimestampCalls}):
 * rewritten before optimization, checked before and after it ({@link TimestampSafety}), constant
 * folding kept to what computes them right ({@link TimestampExecutor}, {@link MicrosRexBuilder}).
 */
public final class QuiverPrepare extends CalcitePrepareImpl {
    /** LENIENT, with checked arithmetic on exact numbers. */
    static final SqlConformance CONFORMANCE = new SqlDelegatingConformance(SqlConformanceEnum.LENIENT) {
        @Override
        public boolean checkedArithmetic() {
            return true;
        }
    };

    private final CalciteConnectionConfig config;

    /** How Calcite describes a column of opaque Java values. */
    private static final ColumnMetaData.AvaticaType OPAQUE =
            ColumnMetaData.scalar(Types.OTHER, "OTHER", ColumnMetaData.Rep.OBJECT);

    /** The result columns of the statement being prepared that hold BLOB values ({@link BlobReads}). */
    private ImmutableBitSet blobColumns = ImmutableBitSet.of();

    /** {@code properties}: the connection's properties, the same the connection was opened with. */
    public QuiverPrepare(Properties properties) {
        this.config = new CalciteConnectionConfigImpl(properties) {
            @Override
            public SqlConformance conformance() {
                return CONFORMANCE;
            }
        };
    }

    /**
     * Calcite's preparation, with {@link ModifyCasts}, {@link ExactAggregates}, {@link
     * StandardCasts}, {@link TimestampRewrite}, {@link LongLimit}, {@link CodePointOrder} and {@link
     * BlobReads} applied to each statement before it is optimized, and {@link TimestampSafety}
     * checking the plan before and after.
     */
    @Override
    protected CalcitePreparingStmt getPreparingStmt(
            Context context, Type elementType, CalciteCatalogReader catalogReader, RelOptPlanner planner) {
        JavaTypeFactory types = context.getTypeFactory();
        EnumerableRel.Prefer prefer =
                elementType == Object[].class ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM;
        return new CalcitePreparingStmt(
                this,
                context,
                catalogReader,
                types,
                context.getRootSchema(),
                prefer,
                createCluster(planner, new MicrosRexBuilder(types)),
                EnumerableConvention.INSTANCE,
                createConvertletTable()) {
            /** Calcite's validator as CalcitePrepareImpl makes it, with the fix of {@link QuiverSqlValidator}. */
            @Override
            protected SqlValidator createSqlValidator(
                    CatalogReader reader, UnaryOperator<SqlValidator.Config> configTransform) {
                CalciteConnectionConfig connection = context.config();
                SqlOperatorTable operators = SqlOperatorTables.chain(
                        connection.fun(SqlOperatorTable.class, SqlStdOperatorTable.instance()), reader);
                SqlValidator.Config config = configTransform.apply(SqlValidator.Config.DEFAULT
                        .withLenientOperatorLookup(connection.lenientOperatorLookup())
                        .withConformance(connection.conformance())
                        .withDefaultNullCollation(connection.defaultNullCollation())
                        .withIdentifierExpansion(true));
                return new QuiverSqlValidator(operators, (CalciteCatalogReader) reader, types, config);
            }

            @Override
            protected RelRoot optimize(
                    RelRoot root, List<Materialization> materializations, List<CalciteSchema.LatticeEntry> lattices) {
                RelRoot exact = root.withRel(ModifyCasts.apply(root.rel)
                        .accept(new ExactAggregates())
                        .accept(new StandardCasts())
                        .accept(new TimestampRewrite())
                        .accept(LongLimit.rewrite()));
                TimestampSafety.check(exact.rel);
                BlobReads.Applied blobs = BlobReads.apply(CodePointOrder.apply(exact));
                blobColumns = blobs.blobColumns();
                RelRoot optimized = super.optimize(blobs.root(), materializations, lattices);
                TimestampSafety.check(optimized.rel);
                return optimized;
            }

            /** Calcite's program, its constant folding kept off TIMESTAMP code it would get wrong. */
            @Override
            protected Program getProgram() {
                Program standard = super.getProgram();
                return (planner, rel, traits, materializations, lattices) -> {
                    planner.setExecutor(new TimestampExecutor(planner.getExecutor()));
                    return standard.run(planner, rel, traits, materializations, lattices);
                };
            }

            /** EXPLAIN's result is the plan text, whatever the query explained returns. */
            @Override
            protected PreparedResult createPreparedExplanation(
                    RelDataType resultType,
                    RelDataType parameterRowType,
                    RelRoot root,
                    SqlExplainFormat format,
                    SqlExplainLevel detailLevel) {
                blobColumns = ImmutableBitSet.of();
                return super.createPreparedExplanation(resultType, parameterRowType, root, format, detailLevel);
            }
        };
    }

    /**
     * Calcite's planner, with the rules every query may need whatever its tables, its constant
     * folding kept off TIMESTAMP code it would get wrong while SQL is converted.
     */
    @Override
    protected RelOptPlanner createPlanner(
            Context prepareContext, org.apache.calcite.plan.Context externalContext, RelOptCostFactory costFactory) {
        RelOptPlanner planner = super.createPlanner(prepareContext, externalContext, costFactory);
        planner.addRule(LongLimit.TO_ENUMERABLE);
        planner.setExecutor(new TimestampExecutor(planner.getExecutor()));
        return planner;
    }

    @Override
    protected SqlRexConvertletTable createConvertletTable() {
        return QuiverConvertlets.INSTANCE;
    }

    @Override
    public <T> CalciteSignature<T> prepareSql(Context context, Query<T> query, Type elementType, long maxRowCount) {
        blobColumns = ImmutableBitSet.of();
        CalciteSignature<T> signature =
                super.prepareSql(new WithConfig(context, config), query, elementType, maxRowCount);
        return blobColumns.isEmpty() ? signature : withBlobColumns(signature, blobColumns);
    }

    /**
     * The signature with the given result columns described as BLOBs, as {@link BlobReads} made
     * them: their values are {@link io.quiver.sql.schema.BlobValue}s where the validated query has
     * VARBINARYs. They are described as Calcite describes opaque Java values (OTHER, read with
     * getObject), which the session's result sets present as BLOBs (io.quiver.sql.BlobResults).
     */
    private static <T> CalciteSignature<T> withBlobColumns(CalciteSignature<T> signature, ImmutableBitSet blobs) {
        List<ColumnMetaData> columns = new ArrayList<>(signature.columns);
        for (int i : blobs) {
            ColumnMetaData c = columns.get(i);
            if (c.type.id != Types.VARBINARY) {
                throw new IllegalStateException(
                        "result column " + i + " holds BLOB values but is typed " + c.type.name);
            }
            columns.set(
                    i,
                    new ColumnMetaData(
                            c.ordinal,
                            c.autoIncrement,
                            c.caseSensitive,
                            c.searchable,
                            c.currency,
                            c.nullable,
                            c.signed,
                            c.displaySize,
                            c.label,
                            c.columnName,
                            c.schemaName,
                            c.precision,
                            c.scale,
                            c.tableName,
                            c.catalogName,
                            OPAQUE,
                            c.readOnly,
                            c.writable,
                            c.definitelyWritable,
                            OPAQUE.columnClassName()));
        }
        // The limit on rows, if any, is applied by the signature given, whose enumerable this is.
        return new CalciteSignature<>(
                signature.sql,
                signature.parameters,
                signature.internalParameters,
                signature.rowType,
                columns,
                signature.cursorFactory,
                signature.rootSchema,
                signature.getCollationList(),
                -1,
                signature::enumerable,
                signature.statementType);
    }

    /** The connection's context with Quiver's configuration in place of the one its properties make. */
    private record WithConfig(Context context, CalciteConnectionConfig config) implements Context {
        @Override
        public JavaTypeFactory getTypeFactory() {
            return context.getTypeFactory();
        }

        @Override
        public CalciteSchema getRootSchema() {
            return context.getRootSchema();
        }

        @Override
        public CalciteSchema getMutableRootSchema() {
            return context.getMutableRootSchema();
        }

        @Override
        public List<String> getDefaultSchemaPath() {
            return context.getDefaultSchemaPath();
        }

        @Override
        public SparkHandler spark() {
            return context.spark();
        }

        @Override
        public DataContext getDataContext() {
            return context.getDataContext();
        }

        @Override
        public List<String> getObjectPath() {
            return context.getObjectPath();
        }

        @Override
        public RelRunner getRelRunner() {
            return context.getRelRunner();
        }
    }
}
