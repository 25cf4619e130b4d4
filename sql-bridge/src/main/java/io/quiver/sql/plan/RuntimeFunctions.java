package io.quiver.sql.plan;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * Operators for calls the planner rewrites put into a query after validation, run by Calcite's
 * generated code as calls of a public static Java method. They are never validated: whoever makes
 * a call gives it its type.
 */
final class RuntimeFunctions {
    /** Made once each: rewrites ask for them while converting every statement. */
    private static final Map<List<Object>, SqlOperator> MADE = new ConcurrentHashMap<>();

    private RuntimeFunctions() {}

    /** The operator calling {@code owner.method} with {@code arity} arguments. */
    static SqlOperator of(Class<?> owner, String method, int arity) {
        return MADE.computeIfAbsent(List.of(owner, method, arity), k -> make(owner, method, arity));
    }

    private static SqlOperator make(Class<?> owner, String method, int arity) {
        Method implementation = Arrays.stream(owner.getMethods())
                .filter(m -> m.getName().equals(method) && m.getParameterCount() == arity)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "no " + owner.getSimpleName() + "." + method + " of " + arity + " arguments"));
        return new SqlUserDefinedFunction(
                new SqlIdentifier(method, SqlParserPos.ZERO),
                SqlKind.OTHER_FUNCTION,
                binding -> binding.getOperandType(0),
                InferTypes.FIRST_KNOWN,
                null,
                ScalarFunctionImpl.create(implementation));
    }
}
