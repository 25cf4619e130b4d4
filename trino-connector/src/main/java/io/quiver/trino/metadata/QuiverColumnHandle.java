package io.quiver.trino.metadata;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ColumnMetadata;
import io.trino.spi.type.Type;
import java.util.Locale;

/** A stored column: its name in the table (any case; Trino shows it in lower case) and its Trino type. */
public record QuiverColumnHandle(
        @JsonProperty("name") String name,
        @JsonProperty("type") Type type) implements ColumnHandle {
    @JsonCreator
    public QuiverColumnHandle {}

    public ColumnMetadata metadata(boolean nullable) {
        return ColumnMetadata.builder()
                .setName(name.toLowerCase(Locale.ROOT))
                .setType(type)
                .setNullable(nullable)
                .build();
    }
}
