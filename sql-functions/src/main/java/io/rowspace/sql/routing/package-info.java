/**
 * Routing of statements (SPEC section 2, the pass-through rule). A statement is a Rowspace
 * statement, a query calling Rowspace functions, or neither, in which case it runs on the backing
 * database unchanged, in its full dialect. Routing looks only at keywords and function calls,
 * skipping comments and quoted text; the parser then reads Rowspace statements properly.
 */
package io.rowspace.sql.routing;
