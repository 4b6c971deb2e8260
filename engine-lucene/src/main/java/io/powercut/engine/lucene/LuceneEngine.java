package io.powercut.engine.lucene;

import io.powercut.checker.Engine;
import io.powercut.checker.Outcome;
import java.io.IOException;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig.OpenMode;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.Directory;

/** An {@link IndexWriter} on the subject's directory, applying one {@link LuceneOp} at a time. */
final class LuceneEngine implements Engine<LuceneOp> {
  static final String ID = "id";
  static final String VALUE = "value";

  private final Directory directory;
  private IndexWriter writer;

  LuceneEngine(Directory directory) throws IOException {
    this.directory = directory;
    this.writer = new IndexWriter(directory, LuceneConfig.writer(OpenMode.APPEND));
  }

  @Override
  public Outcome apply(LuceneOp op) {
    try {
      if (op instanceof LuceneOp.Add a) {
        writer.addDocument(document(a.id(), a.value()));
      } else if (op instanceof LuceneOp.Update u) {
        writer.updateDocument(idTerm(u.id()), document(u.id(), u.value()));
      } else if (op instanceof LuceneOp.Delete d) {
        writer.deleteDocuments(idTerm(d.id()));
      } else if (op instanceof LuceneOp.Commit) {
        writer.commit();
      } else if (op instanceof LuceneOp.Flush) {
        writer.flush();
      } else if (op instanceof LuceneOp.Merge) {
        writer.forceMerge(1);
      } else { // Reopen, the last of the sealed kinds
        reopen();
      }
      return Outcome.ok();
    } catch (IOException | RuntimeException e) {
      return Outcome.failed(e);
    }
  }

  // close() is rollback() here (commitOnClose is off): it drops every uncommitted change.
  private void reopen() throws IOException {
    writer.close();
    writer = new IndexWriter(directory, LuceneConfig.writer(OpenMode.APPEND));
  }

  /**
   * Abandons the writer: closing it would roll back, deleting files, IO a power loss skips. Its
   * open files belong to the in-memory file system, which goes with the run.
   */
  @Override
  public void close() {
    writer = null;
  }

  static Document document(int id, int value) {
    Document doc = new Document();
    doc.add(new StringField(ID, Integer.toString(id), Field.Store.YES));
    doc.add(new StoredField(VALUE, value));
    return doc;
  }

  static Term idTerm(int id) {
    return new Term(ID, Integer.toString(id));
  }
}
