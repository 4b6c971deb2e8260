package io.powercut.engine.lucene;

import io.powercut.checker.Recovery;
import io.powercut.engine.lucene.LuceneState.Doc;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig.OpenMode;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.Bits;

/**
 * What an application does after a power loss, in three steps, each failure reported as corruption
 * naming the step: open a reader on the latest commit and read every live document; run {@code
 * CheckIndex} (slow checks, one thread) and require it clean; open a writer on the index (its file
 * deleter removes what no commit references and must not trip over it) and roll it back.
 */
final class LuceneRecovery {
  private LuceneRecovery() {}

  static Recovery<LuceneState> recover(Directory dir) {
    LuceneState state;
    try (DirectoryReader reader = DirectoryReader.open(dir)) {
      state = read(reader);
    } catch (IOException | RuntimeException e) {
      return Recovery.corrupt("DirectoryReader.open failed: " + e);
    }
    String check = checkIndex(dir);
    if (check != null) {
      return Recovery.corrupt(check);
    }
    try {
      new IndexWriter(dir, LuceneConfig.writer(OpenMode.APPEND)).rollback();
    } catch (IOException | RuntimeException e) {
      return Recovery.corrupt("IndexWriter (append) failed to open: " + e);
    }
    return Recovery.recovered(state, List.of());
  }

  private static LuceneState read(DirectoryReader reader) throws IOException {
    List<Doc> docs = new ArrayList<>();
    for (LeafReaderContext leaf : reader.leaves()) {
      LeafReader r = leaf.reader();
      Bits live = r.getLiveDocs();
      StoredFields fields = r.storedFields();
      for (int i = 0; i < r.maxDoc(); i++) {
        if (live == null || live.get(i)) {
          Document d = fields.document(i);
          int id = Integer.parseInt(d.get(LuceneEngine.ID));
          docs.add(new Doc(id, d.getField(LuceneEngine.VALUE).numericValue().intValue()));
        }
      }
    }
    return LuceneState.of(docs);
  }

  // Null if CheckIndex finds the index clean, else what it reported.
  private static String checkIndex(Directory dir) {
    try (CheckIndex checker = new CheckIndex(dir)) {
      checker.setThreadCount(1);
      checker.setDoSlowChecks(true);
      CheckIndex.Status status = checker.checkIndex();
      if (status.clean) {
        return null;
      }
      List<String> errors = new ArrayList<>();
      for (CheckIndex.Status.SegmentInfoStatus s : status.segmentInfos) {
        if (s.error != null) {
          errors.add(s.name + ": " + s.error);
        }
      }
      return "CheckIndex: expected clean, got "
          + (status.missingSegments ? "missing segments file " : "")
          + status.numBadSegments
          + " bad segments "
          + errors;
    } catch (IOException | RuntimeException e) {
      return "CheckIndex failed: " + e;
    }
  }
}
