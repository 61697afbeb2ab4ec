package io.cairn.anchor.queue;

/** How soon a digest wants anchoring: URGENT asks the scheduler to close a batch now. */
public enum Priority {
    NORMAL, URGENT
}
