package io.quiver.sql.plan;

import io.quiver.sql.spi.FormatTables;

/**
 * A DELETE the table's own engine runs from a filter: every row of {@code table} that {@code
 * filter} holds for (null: every row). {@code format} owns the table when it is a plug-in format's
 * (null for a Quiver table).
 */
public record FilterDelete(PushdownTable table, FormatTables format, PushedFilter filter) {}
