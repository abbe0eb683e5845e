/**
 * The recipe annotation processor. Not built yet: the recipes issue fills this module with the
 * validator, the recipe descriptors and the pipeline writer.
 */
package io.litertj.processor;
