package nl.bronsein.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Short reasons for file errors ("no such file", "permission denied"), without Java's exception names. */
final class IoMessages {

    private IoMessages() {
    }

    static String describe(Exception error) {
        Throwable e = error instanceof UncheckedIOException unchecked && unchecked.getCause() != null
                ? unchecked.getCause() : error;
        if (e instanceof NoSuchFileException || e instanceof NotDirectoryException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "not UTF-8 text";
        }
        if (e instanceof IOException && e.getMessage() != null) {
            return ReplayException.oneLine(e.getMessage());
        }
        return e.getClass().getSimpleName();
    }
}
