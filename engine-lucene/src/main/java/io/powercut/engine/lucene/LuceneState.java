package io.powercut.engine.lucene;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The live documents of an index, as the model predicts them and a recovery reads them back: each
 * {@code id=value}, sorted, so that two states are equal exactly when they hold the same documents
 * (document order depends on segments and merges, which the model does not predict). A list, not a
 * map: {@code add} of an id that has a document makes a second one, and a recovery must show it.
 */
public record LuceneState(List<Doc> docs) {
  /** The index with no documents, what {@code prepare} commits. */
  public static final LuceneState EMPTY = new LuceneState(List.of());

  /** One live document. */
  public record Doc(int id, int value) {
    static final Comparator<Doc> ORDER =
        Comparator.comparingInt(Doc::id).thenComparingInt(Doc::value);

    @Override
    public String toString() {
      return id + "=" + value;
    }
  }

  public LuceneState {
    List<Doc> sorted = new ArrayList<>(docs);
    sorted.sort(Doc.ORDER);
    docs = List.copyOf(sorted);
  }

  /** The state holding {@code docs}, in any order. */
  public static LuceneState of(Collection<Doc> docs) {
    return new LuceneState(List.copyOf(docs));
  }

  @Override
  public String toString() {
    return docs.toString();
  }
}
