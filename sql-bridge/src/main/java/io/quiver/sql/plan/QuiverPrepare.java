package io.quiver.sql.plan;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlConformance;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlDelegatingConformance;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.tools.RelRunner;

/**
 * Calcite's statement preparation with Quiver's dialect: the connection properties choose
 * everything Calcite lets them choose (casing, quoting, the {@link QuiverTypeSystem}), and this
 * class adds what no property can, a conformance that is LENIENT (ORDER BY and GROUP BY an
 * alias, LIMIT, {@code !=}) and yet checks exact arithmetic: {@code INTEGER + 1} past the type's
 * range raises SQLSTATE 22003 instead of wrapping around. Calcite's conformance property only
 * takes its own enum, and the only members with checked arithmetic (BigQuery, SQL Server) change
 * much else. String functions count code points ({@link QuiverConvertlets}) and strings order
 * by code point ({@link CodePointOrder}).
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
     * StandardCasts} and {@link CodePointOrder} applied to each statement before it is optimized.
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
                createCluster(planner, new RexBuilder(types)),
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
                        .accept(new StandardCasts()));
                return super.optimize(CodePointOrder.apply(exact), materializations, lattices);
            }
        };
    }

    @Override
    protected SqlRexConvertletTable createConvertletTable() {
        return QuiverConvertlets.INSTANCE;
    }

    @Override
    public <T> CalciteSignature<T> prepareSql(Context context, Query<T> query, Type elementType, long maxRowCount) {
        return super.prepareSql(new WithConfig(context, config), query, elementType, maxRowCount);
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
