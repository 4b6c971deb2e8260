package io.powercut.checker.thin;

import io.powercut.checker.OperationCodec;
import io.powercut.checker.thin.ThinOp.Abort;
import io.powercut.checker.thin.ThinOp.Alloc;
import io.powercut.checker.thin.ThinOp.Commit;
import io.powercut.checker.thin.ThinOp.CreateSnap;
import io.powercut.checker.thin.ThinOp.CreateThin;
import io.powercut.checker.thin.ThinOp.Delete;
import io.powercut.checker.thin.ThinOp.Lookup;
import io.powercut.checker.thin.ThinOp.ReleaseSnap;
import io.powercut.checker.thin.ThinOp.Remove;
import io.powercut.checker.thin.ThinOp.Reopen;
import io.powercut.checker.thin.ThinOp.ReserveSnap;
import io.powercut.checker.thin.ThinOp.Resize;
import io.powercut.checker.thin.ThinOp.SetTransactionId;
import io.powercut.checker.thin.ThinOp.Write;

/** dm-thin operations as text, named after the pool target's messages where there is one. */
public final class ThinOpCodec implements OperationCodec<ThinOp> {
  @Override
  public String format(ThinOp op) {
    if (op instanceof CreateThin o) {
      return "create_thin " + o.dev();
    } else if (op instanceof CreateSnap o) {
      return "create_snap " + o.dev() + " " + o.origin();
    } else if (op instanceof Delete o) {
      return "delete " + o.dev();
    } else if (op instanceof Write o) {
      return "write " + o.dev() + " " + o.vblock();
    } else if (op instanceof Remove o) {
      return "remove " + o.dev() + " " + o.vblock();
    } else if (op instanceof Alloc) {
      return "alloc";
    } else if (op instanceof Lookup o) {
      return "lookup " + o.dev() + " " + o.vblock();
    } else if (op instanceof Commit) {
      return "commit";
    } else if (op instanceof Abort) {
      return "abort";
    } else if (op instanceof SetTransactionId o) {
      return "set_transaction_id " + o.current() + " " + o.next();
    } else if (op instanceof ReserveSnap) {
      return "reserve_metadata_snap";
    } else if (op instanceof ReleaseSnap) {
      return "release_metadata_snap";
    } else if (op instanceof Resize o) {
      return "resize_data " + o.dataBlocks();
    } else if (op instanceof Reopen) {
      return "reopen";
    }
    throw new IllegalArgumentException("unknown operation " + op);
  }

  @Override
  public ThinOp parse(String line) {
    String[] w = line.strip().split("\\s+");
    return switch (w[0]) {
      case "create_thin" -> new CreateThin(arg(w, 1, 2));
      case "create_snap" -> new CreateSnap(arg(w, 1, 3), arg(w, 2, 3));
      case "delete" -> new Delete(arg(w, 1, 2));
      case "write" -> new Write(arg(w, 1, 3), arg(w, 2, 3));
      case "remove" -> new Remove(arg(w, 1, 3), arg(w, 2, 3));
      case "alloc" -> noArgs(w, new Alloc());
      case "lookup" -> new Lookup(arg(w, 1, 3), arg(w, 2, 3));
      case "commit" -> noArgs(w, new Commit());
      case "abort" -> noArgs(w, new Abort());
      case "set_transaction_id" -> new SetTransactionId(arg(w, 1, 3), arg(w, 2, 3));
      case "reserve_metadata_snap" -> noArgs(w, new ReserveSnap());
      case "release_metadata_snap" -> noArgs(w, new ReleaseSnap());
      case "resize_data" -> new Resize(arg(w, 1, 2));
      case "reopen" -> noArgs(w, new Reopen());
      default -> throw new IllegalArgumentException("unknown dm-thin operation '" + w[0] + "'");
    };
  }

  private static ThinOp noArgs(String[] w, ThinOp op) {
    if (w.length != 1) {
      throw new IllegalArgumentException("'" + w[0] + "' takes no arguments");
    }
    return op;
  }

  private static long arg(String[] w, int i, int words) {
    if (w.length != words) {
      throw new IllegalArgumentException(
          "'" + w[0] + "' takes " + (words - 1) + " arguments, got " + (w.length - 1));
    }
    try {
      long v = Long.parseLong(w[i]);
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + w[0] + "': argument " + i + " must be a non-negative number, got '" + w[i] + "'");
    }
  }
}
