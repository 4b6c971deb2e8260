/**
 * The crash-consistency report: {@link io.powercut.reports.CrashReport} reads any number of results
 * files (the format of {@code io.powercut.checker.results}), merges them ({@link
 * io.powercut.reports.ResultSet}), and renders one self-contained HTML page ({@link
 * io.powercut.reports.ReportPage}) with plots from JFreeChart ({@link io.powercut.reports.Charts})
 * and statistics from commons-math3 ({@link io.powercut.reports.ClopperPearson}, {@link
 * io.powercut.reports.Distribution}).
 */
package io.powercut.reports;
