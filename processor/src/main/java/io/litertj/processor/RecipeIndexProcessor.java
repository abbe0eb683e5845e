package io.litertj.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes the registry: {@code META-INF/services/io.litertj.recipe.Recipe}, one line per recipe
 * pipeline of the compilation, so that {@code RecipeRegistry} (a {@link java.util.ServiceLoader})
 * lists them all. One file from many recipes, so it is declared aggregating for Gradle, while
 * {@link RecipeProcessor} stays isolating.
 */
@AutoService(Processor.class)
public final class RecipeIndexProcessor extends AbstractProcessor {

  static final String SERVICE_FILE = "META-INF/services/io.litertj.recipe.Recipe";

  private final Set<String> pipelines = new TreeSet<>();
  private final List<Element> origins = new ArrayList<>();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return RecipeProcessor.ANNOTATIONS;
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (TypeElement recipe : RecipeProcessor.recipes(annotations, round)) {
      ClassName name = ClassName.get(recipe);
      String pipeline = name.packageName().isEmpty() ? "" : name.packageName() + ".";
      if (pipelines.add(pipeline + String.join("_", name.simpleNames()) + "Pipeline")) {
        origins.add(recipe);
      }
    }
    if (round.processingOver() && !pipelines.isEmpty() && !round.errorRaised()) {
      try {
        FileObject file = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", SERVICE_FILE,
            origins.toArray(Element[]::new));
        try (Writer w = file.openWriter()) {
          for (String p : pipelines) {
            w.write(p);
            w.write('\n');
          }
        }
      } catch (IOException e) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "cannot write " + SERVICE_FILE + ": " + e);
      }
    }
    return false;
  }
}
