package io.quiver.engine;

import java.io.IOException;

/** A table already exists where a new one was to be created. */
public class TableExistsException extends IOException {
    private static final long serialVersionUID = 1L;

    public TableExistsException(String message) {
        super(message);
    }
}
