package io.quiver.engine;

import java.io.IOException;

/**
 * Another writer committed a change that this operation cannot be rebased onto (for example an
 * overwrite or a schema change under an append). Nothing of this operation was committed; the
 * caller may re-read the table and try again.
 */
public class CommitConflictException extends IOException {
    private static final long serialVersionUID = 1L;

    public CommitConflictException(String message) {
        super(message);
    }
}
