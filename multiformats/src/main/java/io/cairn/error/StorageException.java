package io.cairn.error;

/** The local store failed: an I/O error, a full disk, or data found corrupt on disk. */
public class StorageException extends CairnException {
    public StorageException(String code, String message, Throwable cause) {
        super(Kind.STORAGE, code, message, cause);
    }

    public StorageException(String message, Throwable cause) {
        this("storage_error", message, cause);
    }

    public static StorageException diskFull(String where, Throwable cause) {
        return new StorageException("disk_full", "no space left on device while writing " + where, cause);
    }
}
