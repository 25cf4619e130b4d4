/**
 * SQL over a warehouse of Quiver tables: a small front end for Quiver's DDL (VECTOR, BLOB, PRIMARY
 * KEY, USING, vector indexes, COPY), Calcite for everything standard, and planner rules that push
 * projections, filters, limits, key lookups and {@code ORDER BY distance LIMIT k} into the engine.
 */
package io.quiver.sql;
