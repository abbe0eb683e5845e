package io.litertj.cli;

import picocli.CommandLine;

/** The version from the jar's manifest, or "development" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = LiteRtConvertCommand.class.getPackage().getImplementationVersion();
    return new String[] {"litert-convert " + (version == null ? "development" : version)};
  }
}
