/**
 * {@code ./rowspace report SPACE}: a self-contained HTML page about one embedding space, read from
 * the catalog over JDBC like any client would ({@link io.rowspace.report.SpaceFacts}) and drawn
 * without any script or style from the network ({@link io.rowspace.report.HtmlReport}): the
 * training timeline as SVG charts with ticked axes and notes on the curriculum, the mutual
 * information of each column, a 3-D view of the rows coloured by a column with a legend and
 * tooltips, and the column table.
 */
package io.rowspace.report;
