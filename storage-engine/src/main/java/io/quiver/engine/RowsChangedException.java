package io.quiver.engine;

/**
 * A write computed from rows read earlier found, at the version its commit would land on, that
 * another commit changed one of those rows since (replaced, deleted or moved it, or gave a key
 * read as absent a row). Nothing was committed. The caller reads the rows again and recomputes
 * the write: that is how a read-modify-write (SQL's {@code SET n = n + 1}) loses no update.
 */
public final class RowsChangedException extends CommitConflictException {
    private static final long serialVersionUID = 1L;

    RowsChangedException(String message) {
        super(message);
    }
}
