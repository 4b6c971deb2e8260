/**
 * The machine-readable results of {@code explore}, {@code bugs} and {@code fuzz}: one format, JSON
 * lines, that {@code ./powercut report} renders and merges.
 *
 * <h2>Format 1</h2>
 *
 * <p>A results file is UTF-8 text with one JSON object per line. Every object has a {@code type}
 * field; the other fields depend on it. Every file written by {@link
 * io.powercut.checker.results.ResultsWriter} starts with a {@code header} line naming the format
 * version, so files can be concatenated ({@code cat a.jsonl b.jsonl}) and still be read. Readers
 * refuse a header with a newer format and skip lines of a {@code type} they do not know, so a new
 * record type is a compatible change; changing or removing a field needs a new format number.
 *
 * <p>Records that belong to one campaign (a <em>run</em>) carry the same {@code run} id, unique
 * within its file. Times are milliseconds since the run started.
 *
 * <table>
 *   <caption>Record types</caption>
 *   <tr><th>{@code type}</th><th>record</th><th>written</th></tr>
 *   <tr><td>{@code header}</td><td>{@link io.powercut.checker.results.Header}</td>
 *       <td>first line of every file: {@code format}</td></tr>
 *   <tr><td>{@code start}</td><td>{@link io.powercut.checker.results.RunStart}</td>
 *       <td>a run begins: command, subject, seed, shard, options</td></tr>
 *   <tr><td>{@code progress}</td><td>{@link io.powercut.checker.results.ProgressSample}</td>
 *       <td>at most once a second: running counters, for the states-per-second plot</td></tr>
 *   <tr><td>{@code end}</td><td>{@link io.powercut.checker.results.RunEnd}</td>
 *       <td>a campaign ends: every counter of the campaign, verdicts
 *       per fault class, crash points by unflushed writes, and the coverage table: per operation
 *       kind, how often it ran with each outcome and the crash points inside it</td></tr>
 *   <tr><td>{@code finding}</td><td>{@link io.powercut.checker.results.FindingRecord}</td>
 *       <td>a (shrunk) violation with its reproducer and {@code ./powercut replay} command</td></tr>
 *   <tr><td>{@code bug}</td><td>{@link io.powercut.checker.results.BugRow}</td>
 *       <td>one row of the seeded-bug detection table</td></tr>
 *   <tr><td>{@code fuzz}</td><td>{@link io.powercut.checker.results.FuzzSummary}</td>
 *       <td>a fuzz run's totals: images, time, findings</td></tr>
 *   <tr><td>{@code fuzz_finding}</td><td>{@link io.powercut.checker.results.FuzzFinding}</td>
 *       <td>one fuzz finding with its reproduce command</td></tr>
 * </table>
 *
 * <p>Example (lines shortened):
 *
 * <pre>
 * {"type":"header","format":1}
 * {"type":"start","run":"explore","command":"explore","subject":"dm-thin meta=1024 ...","seed":"0x1",...}
 * {"type":"progress","run":"explore","elapsedMillis":2003,"workloads":12,"statesChecked":40211,...}
 * {"type":"end","run":"explore","elapsedMillis":4120,"stats":{"workloads":30,...,"byFault":{"drop":{"ok":53971,...}},"unflushed":{"0":310,"1":95},"coverage":{"commit":{"ok":61,"refused":0,"failed":0,"crashPoints":1790},...}}}
 * </pre>
 *
 * <p>Writing is buffered and a {@link io.powercut.checker.results.ResultsWriter#sampling sampling}
 * progress listener writes at most one sample a second, so recording never slows a campaign.
 *
 * <p>This package knows nothing of the checker: a campaign fills its records and tells its {@link
 * io.powercut.checker.results.ProgressListener}, so every command (and {@code reports}) can use the
 * format without a cycle.
 */
package io.powercut.checker.results;
