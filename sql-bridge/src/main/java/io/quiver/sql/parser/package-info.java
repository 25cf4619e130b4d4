/**
 * Quiver's grammar extension of Calcite's SQL parser and the syntax-tree nodes it builds. The
 * parser itself, {@code io.quiver.sql.parser.impl.QuiverSqlParserImpl}, is generated at build time
 * from Calcite's Parser.jj and {@code src/main/codegen} (FMPP, then JavaCC); {@link QuiverSqlParser}
 * is the one way in.
 */
package io.quiver.sql.parser;
