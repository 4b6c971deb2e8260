package io.powercut.thin.check;

import io.powercut.thin.Superblock;
import java.lang.reflect.RecordComponent;

/** A copy of a superblock with one field replaced, named as the record component. */
public final class SuperblockPatch {
  private SuperblockPatch() {}

  public static Superblock with(Superblock sb, String field, Object value) {
    RecordComponent[] components = Superblock.class.getRecordComponents();
    Object[] args = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    boolean found = false;
    try {
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        if (components[i].getName().equals(field)) {
          args[i] = value;
          found = true;
        } else {
          args[i] = components[i].getAccessor().invoke(sb);
        }
      }
      if (!found) {
        throw new IllegalArgumentException("Superblock has no field " + field);
      }
      return Superblock.class.getDeclaredConstructor(types).newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
