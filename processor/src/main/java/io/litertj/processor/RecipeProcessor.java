package io.litertj.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import io.litertj.recipe.InputShape;
import io.litertj.recipe.InputShapes;
import io.litertj.recipe.KerasModelSource;
import io.litertj.recipe.Output;
import io.litertj.recipe.Quantize;
import io.litertj.recipe.RepresentativeDataset;
import io.litertj.recipe.SavedModelSource;
import io.litertj.recipe.TfliteModelSource;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Checks recipe classes and generates, for each, {@code <Recipe>Pipeline} and (when the model is
 * there at compile time) {@code <Recipe>Sample}. Isolating for Gradle: every generated file has
 * exactly one originating element, its recipe. The registry is written by {@link RecipeIndexProcessor}.
 *
 * <p>Relative model paths are resolved against the project directory, found from the class
 * output ({@link BaseDirectory}); option {@code -Alitertj.baseDir=DIR} names another one.
 *
 * <p>The pipelines always implement {@code io.litertj.recipe.Recipe}, so that the
 * {@code litertj-maven-plugin} (or {@code RecipeRunner}) runs them; when {@code litertj-runtime} is on
 * the compile class path they can also convert in-process ({@code convert()}, {@code builder()}).
 */
@AutoService(Processor.class)
public final class RecipeProcessor extends AbstractProcessor {

  /** The processor option naming the base directory of relative model paths. */
  public static final String BASE_DIR_OPTION = "litertj.baseDir";

  static final Set<String> ANNOTATIONS = Set.of(SavedModelSource.class.getCanonicalName(),
      KerasModelSource.class.getCanonicalName(), TfliteModelSource.class.getCanonicalName(),
      Quantize.class.getCanonicalName(), RepresentativeDataset.class.getCanonicalName(), Output.class.getCanonicalName(),
      InputShape.class.getCanonicalName(), InputShapes.class.getCanonicalName());

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return ANNOTATIONS;
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(BASE_DIR_OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  /** The class the generated {@code convert()} methods call; without it they are not generated. */
  static final String RUNNER = "io.litertj.recipe.RecipeRunner";

  private Path baseDir;

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (annotations.isEmpty()) {
      return false;
    }
    if (baseDir == null) {
      baseDir = BaseDirectory.find(processingEnv.getOptions().get(BASE_DIR_OPTION), processingEnv.getFiler());
    }
    ErrorReporter reporter = new ErrorReporter(processingEnv.getMessager());
    RecipeValidator validator = new RecipeValidator(processingEnv.getElementUtils(), processingEnv.getTypeUtils(), reporter,
        baseDir);
    boolean runtime = processingEnv.getElementUtils().getTypeElement(RUNNER) != null;
    for (TypeElement recipe : recipes(annotations, round)) {
      Optional<RecipeModel> model = validator.validate(recipe);
      if (model.isEmpty()) {
        continue;
      }
      for (JavaFile file : PipelineWriter.write(model.get(), runtime)) {
        String name = file.packageName().isEmpty() ? file.typeSpec().name() : file.packageName() + "." + file.typeSpec().name();
        // the recipe is the one originating element of each file: isolating
        try (Writer writer = processingEnv.getFiler().createSourceFile(name, recipe).openWriter()) {
          file.writeTo(writer);
        } catch (IOException e) {
          processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "cannot write " + file.typeSpec().name() + ": " + e, recipe);
        }
      }
    }
    return false;
  }

  /** The classes that carry recipe annotations, or whose methods do. */
  static Set<TypeElement> recipes(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Set<TypeElement> recipes = new LinkedHashSet<>();
    for (TypeElement annotation : annotations) {
      for (Element e : round.getElementsAnnotatedWith(annotation)) {
        Element type = e instanceof TypeElement ? e : e.getEnclosingElement();
        if (type instanceof TypeElement t) {
          recipes.add(t);
        }
      }
    }
    return recipes;
  }
}
