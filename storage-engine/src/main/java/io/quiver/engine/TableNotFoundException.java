package io.quiver.engine;

import java.io.IOException;

/** No Quiver table (no version manifest) exists at the given path. */
public class TableNotFoundException extends IOException {
    private static final long serialVersionUID = 1L;

    public TableNotFoundException(String message) {
        super(message);
    }
}
