package io.portcullis.azdo;

/** A task input that cannot be used as given: the task fails with this one-line message (exit code 2). */
final class TaskInputException extends RuntimeException {

    TaskInputException(String message) {
        super(message);
    }
}
