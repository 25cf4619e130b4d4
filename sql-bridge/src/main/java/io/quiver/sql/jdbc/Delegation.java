package io.quiver.sql.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * JDBC objects as dynamic proxies: a handler answers the few methods Quiver implements itself and
 * passes every other call to the Calcite object underneath. (The JDBC interfaces have hundreds of
 * methods; spelling out delegation for each would bury the ones that matter.)
 */
final class Delegation {
    /** Answers a call, or returns {@link #PASS} to send it to the delegate. */
    interface Handler {
        Object handle(Method method, Object[] args) throws Throwable;
    }

    static final Object PASS = new Object();

    private Delegation() {}

    static <T> T proxy(Class<T> type, Object delegate, Handler handler) {
        return type.cast(Proxy.newProxyInstance(Delegation.class.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
            Object[] args = a == null ? new Object[0] : a;
            if (m.getName().equals("unwrap") && args[0] instanceof Class<?> c && c.isInstance(p)) {
                return p;
            }
            if (m.getName().equals("isWrapperFor") && args[0] instanceof Class<?> c && c.isInstance(p)) {
                return true;
            }
            switch (m.getName()) {
                case "equals" -> {
                    return p == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(p);
                }
                case "toString" -> {
                    return "Quiver" + type.getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(p));
                }
                default -> {}
            }
            Object answer = handler.handle(m, args);
            if (answer != PASS) {
                return answer;
            }
            if (delegate == null) {
                throw new java.sql.SQLFeatureNotSupportedException(m.getName() + " is not supported", "0A000");
            }
            try {
                return m.invoke(delegate, a);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
