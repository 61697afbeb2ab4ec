package io.cairn.dwn;

/**
 * An open Subscribe, as dwn-sdk-js's {@code MessageSubscription}: events go to the handler given to
 * {@link MessageProcessor#processMessage} until {@link #close()}. The reply's JSON carries
 * {@code subscription: {id}}; this handle is what closes it.
 */
public interface Subscription {
    String id();

    /** Stops the events; calling it again does nothing. */
    void close();
}
