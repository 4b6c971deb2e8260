package io.powercut.engine.lucene;

/**
 * An operation of the Lucene subject: a change to the documents (buffered until a commit), or a
 * call on the writer. Reproducer lines are {@link LuceneOpCodec}'s.
 */
public sealed interface LuceneOp {
  /** The row of the coverage table this operation counts in. */
  LuceneOpKind kind();

  /** {@code addDocument}: a new document {@code id=value}, even if {@code id} has one already. */
  record Add(int id, int value) implements LuceneOp {
    @Override
    public LuceneOpKind kind() {
      return LuceneOpKind.ADD;
    }
  }

  /** {@code updateDocument} by the id term: every document of {@code id} replaced by one. */
  record Update(int id, int value) implements LuceneOp {
    @Override
    public LuceneOpKind kind() {
      return LuceneOpKind.UPDATE;
    }
  }

  /** {@code deleteDocuments} by the id term: every document of {@code id} goes. */
  record Delete(int id) implements LuceneOp {
    @Override
    public LuceneOpKind kind() {
      return LuceneOpKind.DELETE;
    }
  }

  /** {@code commit}: every change so far survives a power loss once it returns. */
  record Commit() implements LuceneOp {
    @Override
    public LuceneOpKind kind() {
      return LuceneOpKind.COMMIT;
    }
  }

  /** {@code flush}: buffered changes written as new segments, not committed. */
  record Flush() implements LuceneOp {
    @Override
    public LuceneOpKind kind() {
      return LuceneOpKind.FLUSH;
    }
  }

  /** {@code forceMerge(1)}: the segments merged into one, not committed. */
  record Merge() implements LuceneOp {
    @Override
    public LuceneOpKind kind() {
      return LuceneOpKind.MERGE;
    }
  }

  /**
   * Closes the writer without committing (with {@code commitOnClose(false)} that is {@code
   * rollback}: every change since the last commit is dropped) and opens a new one on the index.
   */
  record Reopen() implements LuceneOp {
    @Override
    public LuceneOpKind kind() {
      return LuceneOpKind.REOPEN;
    }
  }
}
