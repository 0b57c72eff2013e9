package io.portcullis.layer;

/**
 * A regular file with the setuid or setgid bit that is in the merged filesystem.
 *
 * @param layerIndex position of the layer it comes from (the topmost that wrote it), 0 for the bottom one
 * @param layerDiffId that layer's diffID, or null for a root filesystem directory
 * @param path root-relative path
 * @param mode its permission bits ({@code 04755} for a typical setuid program)
 * @param osPackage the OS package whose file list names it (dpkg, apk, rpm), or null when no package owns it
 */
public record SpecialModeFile(int layerIndex, String layerDiffId, String path, int mode, String osPackage) {
    public static final int SETUID = 04000;
    public static final int SETGID = 02000;

    public boolean setuid() {
        return (mode & SETUID) != 0;
    }

    public boolean setgid() {
        return (mode & SETGID) != 0;
    }
}
