/**
 * Apache Lucene as a file-level subject ({@link io.powercut.engine.lucene.LuceneSubject}): an
 * {@code IndexWriter} on the crash-simulating file system, its operations, model and recovery.
 */
package io.powercut.engine.lucene;
