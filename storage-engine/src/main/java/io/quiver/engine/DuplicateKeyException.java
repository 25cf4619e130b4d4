package io.quiver.engine;

import java.util.List;

/**
 * An insert met keys that the table already holds, or a batch held a key twice. Nothing was
 * written. {@link #keys} lists the offending keys (up to {@value #MAX_LISTED}), each as its
 * column values in key order.
 */
public class DuplicateKeyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    static final int MAX_LISTED = 20;

    private final transient List<List<Object>> keys;

    DuplicateKeyException(String what, List<List<Object>> keys, long total) {
        super(what + ": " + total + " duplicate key" + (total == 1 ? "" : "s") + ", e.g. " + keys);
        this.keys = List.copyOf(keys);
    }

    public List<List<Object>> keys() {
        return keys;
    }
}
