package io.litertj.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Funnels every diagnostic through the 5-argument {@link Messager#printMessage}, so the caret lands
 * on the offending annotation value, and counts errors so one compilation reports all mistakes.
 */
final class ErrorReporter {

  private final Messager messager;
  private int errors;

  ErrorReporter(Messager messager) {
    this.messager = messager;
  }

  void error(Message message, Element element, AnnotationMirror annotation, AnnotationValue value, Object... args) {
    errors++;
    print(Diagnostic.Kind.ERROR, message, element, annotation, value, args);
  }

  void warning(Message message, Element element, AnnotationMirror annotation, AnnotationValue value, Object... args) {
    print(Diagnostic.Kind.WARNING, message, element, annotation, value, args);
  }

  void note(Message message, Element element, AnnotationMirror annotation, AnnotationValue value, Object... args) {
    print(Diagnostic.Kind.NOTE, message, element, annotation, value, args);
  }

  int errorCount() {
    return errors;
  }

  private void print(Diagnostic.Kind kind, Message message, Element element, AnnotationMirror annotation,
      AnnotationValue value, Object[] args) {
    messager.printMessage(kind, message.format(args), element, annotation, value);
  }
}
