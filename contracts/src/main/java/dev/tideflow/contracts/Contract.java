package dev.tideflow.contracts;

/** A message of one topic's schema. */
public interface Contract {

    /** The only schema version this build reads and writes. */
    int VERSION = 1;

    /** Schema version carried in the JSON {@code "v"} field. */
    Integer v();

    /** Adds every rule this message breaks to {@code check}. */
    void validate(Violations check);
}
