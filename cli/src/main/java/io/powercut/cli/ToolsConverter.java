package io.powercut.cli;

import io.powercut.thin.tools.ToolsGeneration;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --tools 0.9|1.1|both}: which generations of the real tools to ask. */
final class ToolsConverter implements ITypeConverter<List<ToolsGeneration>> {
  @Override
  public List<ToolsGeneration> convert(String value) {
    if (value.equals("both")) {
      return List.of(ToolsGeneration.V0_9, ToolsGeneration.V1_1);
    }
    try {
      return List.of(ToolsGeneration.parse(value));
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("expected 0.9, 1.1 or both, got '" + value + "'");
    }
  }
}
