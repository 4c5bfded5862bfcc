package dev.tideflow.log.ring;

/** What a thread does while it has nothing to do; {@code idle} is called with the number of empty rounds so far. */
public interface IdleStrategy {

    void idle(int emptyRounds);
}
