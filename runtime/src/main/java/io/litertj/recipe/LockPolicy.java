package io.litertj.recipe;

/** What a run of recipes does with the entries already in the lock file. */
public enum LockPolicy {
  /**
   * Adds entries for recipes the lock does not have; leaves every existing entry as it is, so a
   * changed model or option fails verification instead of being re-locked quietly (the default).
   */
  ADD_NEW,
  /** Also rewrites the entries that changed: the change is accepted. */
  UPDATE
}
