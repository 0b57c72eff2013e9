package io.portcullis.layer;

/**
 * Reading a layer stopped because the scanning thread was interrupted. Unchecked, and deliberately
 * not an {@link io.portcullis.InputException}: the layer is not corrupt. The engine reports it as a
 * cancelled scan.
 */
public final class LayerReadInterruptedException extends RuntimeException {

    LayerReadInterruptedException(String where, Exception cause) {
        super(where + ": interrupted", cause);
    }
}
