package io.quiver.trino.metadata;

import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ColumnMetadata;
import io.trino.spi.type.Type;
import java.util.Locale;

/** A stored column: its name in the table (any case; Trino shows it in lower case) and its Trino type. */
public record QuiverColumnHandle(String name, Type type) implements ColumnHandle {
    public ColumnMetadata metadata(boolean nullable) {
        return ColumnMetadata.builder()
                .setName(name.toLowerCase(Locale.ROOT))
                .setType(type)
                .setNullable(nullable)
                .build();
    }
}
