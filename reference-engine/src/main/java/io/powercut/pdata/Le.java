package io.powercut.pdata;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian access to on-disk integers inside a block's byte array. */
public final class Le {
  private static final VarHandle U32 =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle U64 =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private Le() {}

  /** Reads an unsigned 32-bit value. */
  public static long u32(byte[] b, int off) {
    return ((int) U32.get(b, off)) & 0xFFFF_FFFFL;
  }

  /** Reads a 32-bit value as a Java int (for fields the format bounds well below 2^31). */
  public static int i32(byte[] b, int off) {
    return (int) U32.get(b, off);
  }

  public static long u64(byte[] b, int off) {
    return (long) U64.get(b, off);
  }

  public static void putU32(byte[] b, int off, long v) {
    U32.set(b, off, (int) v);
  }

  public static void putU64(byte[] b, int off, long v) {
    U64.set(b, off, v);
  }
}
