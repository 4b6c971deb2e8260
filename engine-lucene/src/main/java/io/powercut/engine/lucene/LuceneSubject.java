package io.powercut.engine.lucene;

import io.powercut.checker.Engine;
import io.powercut.checker.Model;
import io.powercut.checker.OperationCodec;
import io.powercut.checker.OperationKind;
import io.powercut.checker.Recovery;
import io.powercut.checker.fs.FileSubject;
import io.powercut.fs.CrashFileSystem;
import java.io.IOException;
import java.util.List;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig.OpenMode;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.Version;

/**
 * Apache Lucene's {@link IndexWriter} as a file-level subject: one writer, configured by {@link
 * LuceneConfig}, on {@value LuceneConfig#INDEX_DIR}; what it promises is {@link LuceneModel}'s, how
 * it recovers {@link LuceneRecovery}'s. The initial image is an empty index with one commit.
 */
public final class LuceneSubject implements FileSubject<LuceneOp, LuceneState> {
  public static final String NAME = "lucene";

  @Override
  public String name() {
    return NAME;
  }

  /** {@code lucene version=9.12.3}: the Lucene on the class path, which a replay must match. */
  @Override
  public String spec() {
    return NAME + " version=" + Version.LATEST;
  }

  /** The subject {@code spec} names: {@code lucene}, or {@code lucene version=V} of this Lucene. */
  public static LuceneSubject fromSpec(String spec) {
    LuceneSubject subject = new LuceneSubject();
    String s = spec.strip();
    if (!s.equals(NAME) && !s.equals(subject.spec())) {
      throw new IllegalArgumentException(
          "expected '" + NAME + "' or '" + subject.spec() + "', got '" + spec + "'");
    }
    return subject;
  }

  /** Creates the index and commits it empty, so that every crash has a commit to recover. */
  @Override
  public void prepare(CrashFileSystem fs) throws IOException {
    try (Directory dir = LuceneConfig.directory(fs)) {
      IndexWriter writer = new IndexWriter(dir, LuceneConfig.writer(OpenMode.CREATE));
      writer.commit();
      writer.close();
    }
  }

  @Override
  public Engine<LuceneOp> start(CrashFileSystem fs) throws IOException {
    return new LuceneEngine(LuceneConfig.directory(fs));
  }

  @Override
  public Recovery<LuceneState> recover(CrashFileSystem fs) throws IOException {
    try (Directory dir = LuceneConfig.directory(fs)) {
      return LuceneRecovery.recover(dir);
    }
  }

  @Override
  public Model<LuceneOp, LuceneState> newModel() {
    return new LuceneModel();
  }

  @Override
  public OperationCodec<LuceneOp> codec() {
    return LuceneOpCodec.INSTANCE;
  }

  @Override
  public List<? extends OperationKind> operationKinds() {
    return List.of(LuceneOpKind.values());
  }

  @Override
  public OperationKind kindOf(LuceneOp op) {
    return op.kind();
  }
}
