package dev.tideflow.log.scale;

/** Which ring producers are steered to. */
public enum ProducerMode {
    /** One owning thread writes to a single-producer ring without CAS; any other thread still uses the MPSC ring. */
    SINGLE,
    /** Every thread claims slots in the multi-producer ring. */
    MPSC
}
