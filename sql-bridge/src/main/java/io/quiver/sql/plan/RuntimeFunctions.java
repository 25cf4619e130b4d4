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
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * Operators for calls the planner rewrites put into a query after validation, run by Calcite's
 * generated code as calls of a public static Java method. They are never validated: whoever makes
 * a call gives it its type. A planner rule that rebuilds a call (the decorrelator does, to make a
 * NULL of its type) infers the type instead, by default as its first operand's; an operator whose
 * type is another says so with {@link #of(Class, String, int, SqlReturnTypeInference)}.
 */
final class RuntimeFunctions {
    /** Made once each: rewrites ask for them while converting every statement. */
    private static final Map<List<Object>, SqlOperator> MADE = new ConcurrentHashMap<>();

    private RuntimeFunctions() {}

    /** The type of a call as its first operand's. */
    private static final SqlReturnTypeInference FIRST_OPERAND = binding -> binding.getOperandType(0);

    /** The operator calling {@code owner.method} with {@code arity} arguments, of its first operand's type. */
    static SqlOperator of(Class<?> owner, String method, int arity) {
        return of(owner, method, arity, FIRST_OPERAND);
    }

    /** The operator calling {@code owner.method} with {@code arity} arguments, of the type {@code returns} infers. */
    static SqlOperator of(Class<?> owner, String method, int arity, SqlReturnTypeInference returns) {
        return MADE.computeIfAbsent(List.of(owner, method, arity, returns), k -> make(owner, method, arity, returns));
    }

    private static SqlOperator make(Class<?> owner, String method, int arity, SqlReturnTypeInference returns) {
        Method implementation = Arrays.stream(owner.getMethods())
                .filter(m -> m.getName().equals(method) && m.getParameterCount() == arity)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "no " + owner.getSimpleName() + "." + method + " of " + arity + " arguments"));
        return new SqlUserDefinedFunction(
                new SqlIdentifier(method, SqlParserPos.ZERO),
                SqlKind.OTHER_FUNCTION,
                returns,
                InferTypes.FIRST_KNOWN,
                null,
                ScalarFunctionImpl.create(implementation));
    }
}
