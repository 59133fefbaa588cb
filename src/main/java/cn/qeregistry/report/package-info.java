/**
 * Reports of the register, the review results and the master record, as streamed xlsx or CSV.
 *
 * <p>{@link cn.qeregistry.report.ReportService} writes to a stream (console download) or a file
 * (temporary name, then atomic rename). Rows come through a read-only repeatable-read cursor, so an
 * exceptions workbook's summary counts and its rows are one snapshot. Text cells that a spreadsheet
 * would read as a formula are prefixed with an apostrophe; numbers are written as numbers.
 * With {@code --run}, the exceptions report lists the items last seen by that job execution and the
 * review report the run that execution made. The master report's money and R&D ratio are of fiscal
 * year {@code date.year - 1} (the year re-review looks at); other years are not mixed in.
 *
 * <p>The nightly {@code report} step ({@link cn.qeregistry.report.NightlyReport}) syncs the register,
 * then writes {@code exceptions-<date>-<code>.xlsx} for the province (all items, including those
 * without a region) and for each 市州 of {@code jobs/regions.yml}, all in one pass over the register
 * (each row routed to the province and its 市州), and {@code manifest.json}.
 *
 * <p>xlsx goes through POI's SXSSF ({@link cn.qeregistry.report.ReportWorkbook}) with a sheet writer
 * that writes POI's XML byte for byte but faster (text without special characters in one piece, an
 * unsynchronised UTF-8 writer, text and number cells without a CellReference each), its rows deflated
 * at level 1 on a thread of their own while they are written ({@link cn.qeregistry.report.RowDeflater})
 * and put into the zip as they are.
 */
package cn.qeregistry.report;
